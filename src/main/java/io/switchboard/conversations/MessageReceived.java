package io.switchboard.conversations;

import java.util.UUID;

/** A contact's message was stored (published in the storing transaction). */
public record MessageReceived(UUID orgId, UUID conversationId, UUID messageId, UUID channelId, UUID contactId) {}
