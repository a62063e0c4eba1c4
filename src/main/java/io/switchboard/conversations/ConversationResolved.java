package io.switchboard.conversations;

import java.util.UUID;

/** A conversation was marked resolved. */
public record ConversationResolved(UUID orgId, UUID conversationId) {}
