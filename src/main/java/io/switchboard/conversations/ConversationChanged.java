package io.switchboard.conversations;

import java.util.UUID;

/** Something in a conversation changed (message, status, assignment); drives the live inbox. */
public record ConversationChanged(UUID orgId, UUID conversationId, String change) {}
