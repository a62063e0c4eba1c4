package io.switchboard.contacts;

import java.util.UUID;

/**
 * Two contacts turned out to be one person: everything of {@code mergedId} now belongs to {@code
 * survivorId}. Listeners run in the merging transaction.
 */
public record ContactsMerged(UUID orgId, UUID survivorId, UUID mergedId) {}
