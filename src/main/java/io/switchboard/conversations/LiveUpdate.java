package io.switchboard.conversations;

import java.util.UUID;

/**
 * A committed {@link ConversationChanged}, delivered on every node (relayed through PostgreSQL
 * LISTEN/NOTIFY) for live views only: pushing to browsers. It may be missed or arrive twice, so
 * listeners must only refresh what they show, never change data.
 */
public record LiveUpdate(UUID orgId, UUID conversationId, String change) {}
