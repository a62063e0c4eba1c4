package io.switchboard.conversations;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The conversations side of the retention purge. Conversations under legal hold are never touched.
 * Call inside a transaction bound to the organisation; the caller forgets the returned messages in
 * other modules (search index) in that same transaction. Stored media files are deleted once it
 * commits.
 */
public interface ConversationRetention {

    /**
     * Deletes up to {@code limit} messages created before {@code cutoff}, oldest first, skipping rows
     * another node is purging right now ({@code SKIP LOCKED}), and the conversations left empty.
     *
     * @param onlyContact only this contact's conversations (a contact with its own window), or all
     * @param exceptContacts contacts left out (they have their own window)
     */
    PurgedHistory purgeBatch(
            UUID orgId, Instant cutoff, @Nullable UUID onlyContact, Collection<UUID> exceptContacts, int limit);

    /** Conversations of the organisation under legal hold. */
    long legalHolds(UUID orgId);

    /**
     * @param messageIds the deleted messages
     * @param files stored media files of those messages (deleted after commit)
     * @param conversations conversations deleted because nothing was left in them
     */
    record PurgedHistory(List<UUID> messageIds, long files, long conversations) {}
}
