package io.switchboard.conversations;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A reply must go out. Listeners run synchronously in the same transaction, so the channel's queue
 * row commits together with the message (or neither does).
 */
public record OutboundMessageRequested(
        UUID orgId,
        UUID channelId,
        UUID conversationId,
        UUID messageId,
        UUID contactId,
        MessageContent content,
        @Nullable Instant lastInboundAt) {}
