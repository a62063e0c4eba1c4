package io.switchboard.conversations;

import io.switchboard.conversations.Conversations.SenderType;
import java.time.Instant;
import java.util.UUID;

/**
 * A message was appended to a conversation: inbound, outbound (bot or person) or an internal note
 * ({@code direction} {@code inbound}, {@code outbound} or {@code internal}). Published in the storing
 * transaction, for listeners that keep derived data (such as the search index) in step.
 */
public record MessageAppended(
        UUID orgId,
        UUID conversationId,
        UUID messageId,
        UUID channelId,
        UUID contactId,
        String direction,
        SenderType senderType,
        MessageContent content,
        Instant createdAt) {}
