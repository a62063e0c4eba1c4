package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.Messages;

import io.switchboard.contacts.ContactsMerged;
import io.switchboard.conversations.MessageAppended;
import io.switchboard.conversations.MessageContent;
import io.switchboard.knowledge.ConversationIndex;
import io.switchboard.knowledge.TextEmbeddings;
import io.switchboard.shared.db.AfterCommit;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code knowledge_messages} and the organisations' indexes in step with the conversations.
 *
 * <p>Storing a message (inbound, outbound or a note) writes a queue row in the same transaction
 * ({@link MessageAppended} listeners run synchronously), so a committed message is never missed and
 * a rolled-back one never indexed. One loop per node claims up to {@link #BATCH} rows with {@code FOR
 * UPDATE SKIP LOCKED}, embeds those without a vector in one batch, writes them to each
 * organisation's index and marks them indexed, all before its transaction commits: a crash leaves
 * the rows queued, and re-adding a message replaces its index entry. Rows of one organisation go to
 * that organisation's index only.
 */
@Component
class MessageIndexer implements ConversationIndex, SmartLifecycle {

    static final int BATCH = 64;
    private static final Logger log = LoggerFactory.getLogger(MessageIndexer.class);

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final OrgIndexes indexes;
    private final TextEmbeddings embeddings;
    private final WorkerLoop loop;

    MessageIndexer(DSLContext db, ScopedTransactions tx, OrgIndexes indexes, TextEmbeddings embeddings) {
        this.db = db;
        this.tx = tx;
        this.indexes = indexes;
        this.embeddings = embeddings;
        this.loop = new WorkerLoop(
                "conversation-index",
                "Conversation index",
                log,
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                this::indexWithDutyCycle);
    }

    /** The words of a message worth finding again; reactions, shared contacts and raw payloads have none. */
    static Optional<String> searchableText(MessageContent content) {
        String text = switch (content) {
            case MessageContent.Text t -> t.body();
            case MessageContent.Media m -> m.caption() == null ? "" : m.caption();
            case MessageContent.Location l ->
                String.join(" ", l.name() == null ? "" : l.name(), l.address() == null ? "" : l.address());
            case MessageContent.Interactive i ->
                i.body() + " "
                        + i.options().stream()
                                .map(MessageContent.Interactive.Option::title)
                                .collect(Collectors.joining(" "));
            case MessageContent.InteractiveReply r -> r.title();
            case MessageContent.Template t -> String.join(" ", t.parameters());
            case MessageContent.Reaction r -> "";
            case MessageContent.SharedContacts c -> "";
            case MessageContent.Unsupported u -> "";
        };
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** Runs in the storing transaction: queues the message for the index worker. */
    @EventListener
    void onMessageAppended(MessageAppended message) {
        Optional<String> text = searchableText(message.content());
        if (text.isEmpty()) return;
        db.insertInto(Messages.T)
                .set(Messages.MESSAGE_ID, message.messageId())
                .set(Messages.ORG_ID, message.orgId())
                .set(Messages.CONVERSATION_ID, message.conversationId())
                .set(Messages.CHANNEL_ID, message.channelId())
                .set(Messages.CONTACT_ID, message.contactId())
                .set(Messages.DIRECTION, message.direction())
                .set(Messages.SENDER_TYPE, message.senderType().json())
                .set(Messages.TEXT, text.get())
                .set(Messages.CREATED_AT, message.createdAt())
                .onConflictDoNothing()
                .execute();
        AfterCommit.run(loop::wake);
    }

    /** Runs in the merging transaction: the merged contact's messages are re-filed under the survivor. */
    @EventListener
    void onContactsMerged(ContactsMerged merged) {
        int moved = db.update(Messages.T)
                .set(Messages.CONTACT_ID, merged.survivorId())
                .set(Messages.INDEXED, false)
                .where(Messages.ORG_ID.eq(merged.orgId()), Messages.CONTACT_ID.eq(merged.mergedId()))
                .execute();
        if (moved > 0) AfterCommit.run(loop::wake);
    }

    /** The organisation's index was reset: queue every stored message again (vectors are reused). */
    void requeueOrganisation(UUID orgId) {
        tx.inOrg(
                orgId,
                () -> db.update(Messages.T)
                        .set(Messages.INDEXED, false)
                        .where(Messages.ORG_ID.eq(orgId))
                        .execute());
        loop.wake();
    }

    // ---- erasure

    @Override
    public void forgetMessages(UUID orgId, Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) return;
        db.deleteFrom(Messages.T)
                .where(Messages.ORG_ID.eq(orgId), Messages.MESSAGE_ID.in(messageIds))
                .execute();
        List<String> ids = messageIds.stream().map(UUID::toString).toList();
        AfterCommit.run(() -> indexes.get(orgId).deleteMessages(LuceneIndex.ID, ids));
    }

    @Override
    public void forgetConversation(UUID orgId, UUID conversationId) {
        db.deleteFrom(Messages.T)
                .where(Messages.ORG_ID.eq(orgId), Messages.CONVERSATION_ID.eq(conversationId))
                .execute();
        AfterCommit.run(
                () -> indexes.get(orgId).deleteMessages(LuceneIndex.CONVERSATION, List.of(conversationId.toString())));
    }

    @Override
    public void forgetContact(UUID orgId, UUID contactId) {
        db.deleteFrom(Messages.T)
                .where(Messages.ORG_ID.eq(orgId), Messages.CONTACT_ID.eq(contactId))
                .execute();
        AfterCommit.run(() -> indexes.get(orgId).deleteMessages(LuceneIndex.CONTACT, List.of(contactId.toString())));
    }

    // ---- the worker

    /** Indexes one batch of queued messages; answers how many. */
    int indexOnce() {
        return tx.asSystem("conversation index", () -> {
            List<Record> rows = db.select(Messages.ALL)
                    .select(Messages.EMBEDDING)
                    .from(Messages.T)
                    .where(Messages.INDEXED.isFalse())
                    .orderBy(Messages.CREATED_AT)
                    .limit(BATCH)
                    .forUpdate()
                    .skipLocked()
                    .fetch();
            if (rows.isEmpty()) return 0;
            List<Record> unembedded =
                    rows.stream().filter(r -> r.get(Messages.EMBEDDING) == null).toList();
            Map<UUID, float[]> vectors = new LinkedHashMap<>();
            if (!unembedded.isEmpty()) {
                List<float[]> computed = embeddings.embedAll(
                        unembedded.stream().map(r -> r.get(Messages.TEXT)).toList());
                for (int i = 0; i < unembedded.size(); i++) {
                    vectors.put(unembedded.get(i).get(Messages.MESSAGE_ID), computed.get(i));
                }
            }
            Map<UUID, List<IndexedMessage>> byOrg = new LinkedHashMap<>();
            for (Record r : rows) {
                UUID id = r.get(Messages.MESSAGE_ID);
                byte[] stored = r.get(Messages.EMBEDDING);
                float[] vector = stored != null ? Vectors.fromBytes(stored) : vectors.get(id);
                byOrg.computeIfAbsent(r.get(Messages.ORG_ID), k -> new ArrayList<>())
                        .add(new IndexedMessage(
                                id.toString(),
                                r.get(Messages.CONVERSATION_ID).toString(),
                                r.get(Messages.CHANNEL_ID).toString(),
                                r.get(Messages.CONTACT_ID).toString(),
                                "internal".equals(r.get(Messages.DIRECTION)),
                                r.get(Messages.CREATED_AT).toEpochMilli(),
                                r.get(Messages.TEXT),
                                java.util.Objects.requireNonNull(vector)));
            }
            // each organisation's messages into its own index only
            byOrg.forEach((orgId, messages) -> indexes.get(orgId).upsertMessages(messages));
            for (var entry : vectors.entrySet()) {
                db.update(Messages.T)
                        .set(Messages.EMBEDDING, Vectors.toBytes(entry.getValue()))
                        .where(Messages.MESSAGE_ID.eq(entry.getKey()))
                        .execute();
            }
            db.update(Messages.T)
                    .set(Messages.INDEXED, true)
                    .where(Messages.MESSAGE_ID.in(
                            rows.stream().map(r -> r.get(Messages.MESSAGE_ID)).toList()))
                    .execute();
            return rows.size();
        });
    }

    /** Messages of the organisation still waiting for the index (for tests and status). */
    int queued(UUID orgId) {
        return tx.inOrg(
                orgId, () -> db.fetchCount(Messages.T, Messages.ORG_ID.eq(orgId).and(Messages.INDEXED.isFalse())));
    }

    /** One step of the loop: a batch, then a pause as long as the batch took. */
    private boolean indexWithDutyCycle() throws InterruptedException {
        long started = System.nanoTime();
        if (indexOnce() == 0) return false;
        // search over history may lag a little; ingest and replies must not: embedding a
        // burst of messages takes at most about half a core
        Thread.sleep(Duration.ofNanos(System.nanoTime() - started));
        return true;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
