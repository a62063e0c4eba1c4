package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.Chunks;
import static io.switchboard.knowledge.internal.KnowledgeTables.Documents;
import static io.switchboard.knowledge.internal.KnowledgeTables.KnowledgeBases;
import static io.switchboard.knowledge.internal.KnowledgeTables.Messages;
import static io.switchboard.knowledge.internal.KnowledgeTables.Sections;

import io.switchboard.shared.db.ScopedTransactions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rebuilds index content from PostgreSQL, which holds every chunk with its vector (no embedding
 * again). On request per knowledge base, and for a whole organisation when its index directory is
 * missing or unreadable at startup, or vanished while running.
 */
@Component
class Reindexer implements KnowledgeJobs.Handler {

    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
    private static final int PAGE = 500;

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final OrgIndexes indexes;
    private final KnowledgeJobs jobs;
    private final MessageIndexer messages;

    Reindexer(DSLContext db, ScopedTransactions tx, OrgIndexes indexes, KnowledgeJobs jobs, MessageIndexer messages) {
        this.db = db;
        this.tx = tx;
        this.indexes = indexes;
        this.jobs = jobs;
        this.messages = messages;
    }

    /** Queues a rebuild of one knowledge base (caller's transaction). */
    void request(UUID orgId, UUID knowledgeBaseId) {
        db.update(KnowledgeBases.T)
                .set(KnowledgeBases.REINDEX_STATUS, "queued")
                .set(KnowledgeBases.REINDEX_PROGRESS, 0)
                .set(KnowledgeBases.REINDEX_ERROR, (String) null)
                .where(KnowledgeBases.ORG_ID.eq(orgId), KnowledgeBases.ID.eq(knowledgeBaseId))
                .execute();
        jobs.enqueue(orgId, KnowledgeJobs.Kind.REINDEX, knowledgeBaseId);
    }

    @Override
    public void run(KnowledgeJobs.Job job, Runnable heartbeat) {
        UUID orgId = job.orgId();
        UUID kbId = job.targetId();
        Integer total = tx.inOrg(orgId, () -> {
            if (!status(orgId, kbId, "running", 0, null)) return null;
            return db.fetchCount(Chunks.T, Chunks.ORG_ID.eq(orgId).and(Chunks.KB_ID.eq(kbId)));
        });
        if (total == null) {
            return; // knowledge base deleted
        }
        LuceneIndex index = indexes.get(orgId);
        index.deleteKnowledgeBase(kbId.toString(), false);
        UUID after = new UUID(0, 0); // the smallest uuid in PostgreSQL's (unsigned) order
        int done = 0;
        while (true) {
            UUID from = after;
            List<IndexedChunk> page = tx.inOrg(
                    orgId,
                    () -> db.select(
                                    Chunks.ID,
                                    Chunks.DOCUMENT_ID,
                                    Chunks.TEXT,
                                    Chunks.EMBEDDING,
                                    Sections.HEADING,
                                    Documents.TITLE)
                            .from(Chunks.T)
                            .join(Sections.T)
                            .on(Sections.ID.eq(Chunks.SECTION_ID))
                            .join(Documents.T)
                            .on(Documents.ID.eq(Chunks.DOCUMENT_ID))
                            .where(Chunks.ORG_ID.eq(orgId), Chunks.KB_ID.eq(kbId), Chunks.ID.gt(from))
                            .orderBy(Chunks.ID)
                            .limit(PAGE)
                            .fetch(r -> new IndexedChunk(
                                    r.get(Chunks.ID).toString(),
                                    kbId.toString(),
                                    r.get(Chunks.DOCUMENT_ID).toString(),
                                    Ingestion.lexicalText(
                                            r.get(Documents.TITLE), r.get(Sections.HEADING), r.get(Chunks.TEXT)),
                                    Vectors.fromBytes(r.get(Chunks.EMBEDDING)))));
            if (page.isEmpty()) break;
            index.add(page);
            done += page.size();
            after = UUID.fromString(page.getLast().chunkId());
            int percent = total == 0 ? 99 : Math.min(99, (int) (100L * done / total));
            heartbeat.run();
            tx.inOrg(orgId, () -> status(orgId, kbId, "running", percent, null));
        }
        index.commit();
        tx.inOrg(orgId, () -> {
            db.update(KnowledgeBases.T)
                    .set(KnowledgeBases.REINDEX_STATUS, "idle")
                    .set(KnowledgeBases.REINDEX_PROGRESS, 100)
                    .set(KnowledgeBases.REINDEXED_AT, Instant.now())
                    .where(KnowledgeBases.ORG_ID.eq(orgId), KnowledgeBases.ID.eq(kbId))
                    .execute();
            return null;
        });
        log.info("Rebuilt the index of knowledge base {} ({} chunks)", kbId, done);
    }

    private boolean status(UUID orgId, UUID kbId, String status, int progress, @Nullable String error) {
        return db.update(KnowledgeBases.T)
                        .set(KnowledgeBases.REINDEX_STATUS, status)
                        .set(KnowledgeBases.REINDEX_PROGRESS, progress)
                        .set(KnowledgeBases.REINDEX_ERROR, error)
                        .where(KnowledgeBases.ORG_ID.eq(orgId), KnowledgeBases.ID.eq(kbId))
                        .execute()
                > 0;
    }

    @Override
    public void gaveUp(KnowledgeJobs.Job job, String error) {
        tx.inOrg(job.orgId(), () -> status(job.orgId(), job.targetId(), "failed", 0, error));
    }

    /** The index of the organisation was reset empty: rebuild every knowledge base and the messages of it. */
    @EventListener
    void onIndexLost(OrgIndexes.IndexLost lost) {
        rebuildOrganisation(lost.orgId());
    }

    void rebuildOrganisation(UUID orgId) {
        tx.inOrg(orgId, () -> {
            db.select(KnowledgeBases.ID)
                    .from(KnowledgeBases.T)
                    .where(KnowledgeBases.ORG_ID.eq(orgId))
                    .fetch(KnowledgeBases.ID)
                    .forEach(kbId -> request(orgId, kbId));
            return null;
        });
        messages.requeueOrganisation(orgId); // the conversation messages share the index
    }

    /** At startup: an organisation whose index is missing or corrupt gets it rebuilt in the background. */
    @EventListener(ApplicationReadyEvent.class)
    void checkIndexesAtStartup() {
        List<UUID> orgs = tx.asSystem(
                "knowledge index check",
                () -> db.selectDistinct(Chunks.ORG_ID)
                        .from(Chunks.T)
                        .union(DSL.selectDistinct(Messages.ORG_ID).from(Messages.T))
                        .fetch(r -> r.get(0, UUID.class)));
        for (UUID orgId : orgs) {
            if (!indexes.healthyOnDisk(orgId)) {
                log.warn("Index of organisation {} is missing or unreadable; rebuilding it from PostgreSQL", orgId);
                indexes.reset(orgId);
                rebuildOrganisation(orgId);
            }
        }
    }
}
