package io.switchboard.conversations;

import java.util.List;
import java.util.UUID;

/**
 * The retention purge deleted these messages, and these conversations because nothing was left in
 * them. Published in the purging transaction: modules keeping data keyed by them (agent traces and
 * memory) delete theirs in a synchronous listener, so it goes or stays with the messages.
 */
public record HistoryPurged(UUID orgId, List<UUID> messageIds, List<UUID> conversationIds) {}
