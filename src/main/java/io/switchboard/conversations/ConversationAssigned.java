package io.switchboard.conversations;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A conversation was given to a person ({@code assigneeUserId}) or unassigned (null). */
public record ConversationAssigned(
        UUID orgId, UUID conversationId, @Nullable UUID assigneeUserId) {}
