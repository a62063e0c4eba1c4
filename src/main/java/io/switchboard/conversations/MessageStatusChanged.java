package io.switchboard.conversations;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An outbound message moved on its way (sent, delivered, read or failed). Published in the updating
 * transaction, only when the state really changed (late or repeated callbacks publish nothing).
 */
public record MessageStatusChanged(
        UUID orgId,
        UUID conversationId,
        UUID messageId,
        DeliveryState state,
        @Nullable String error) {}
