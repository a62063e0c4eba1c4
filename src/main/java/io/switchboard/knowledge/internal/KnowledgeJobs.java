package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.Jobs;

import io.switchboard.shared.db.AfterCommit;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The knowledge module's background work in a PostgreSQL table: ingest a document, sync a web
 * source, rebuild an index. A job is claimed with {@code FOR UPDATE SKIP LOCKED} and a lease; the
 * worker renews the lease as it makes progress, and a job whose worker died (lease run out) is
 * claimed again, so work survives restarts. One loop per node: embedding is CPU-bound and the
 * index of an organisation has one writer.
 */
@Component
class KnowledgeJobs implements SmartLifecycle {

    enum Kind {
        INGEST,
        SYNC,
        REINDEX;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Job(long id, UUID orgId, Kind kind, UUID targetId, int attempts) {}

    /** Does one kind of job; throws to retry later, gives up after {@link #MAX_ATTEMPTS}. */
    interface Handler {
        void run(Job job, Runnable heartbeat);

        /** Called once when the job failed for the last time: leave a visible error behind. */
        void gaveUp(Job job, String error);
    }

    static final int MAX_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(KnowledgeJobs.class);

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final Duration lease;
    private final Handlers handlers;
    private final WorkerLoop loop;

    /** The handlers, looked up lazily (they depend on this queue to enqueue follow-up jobs). */
    @Component
    static class Handlers {
        private final Ingestion ingestion;
        private final SourceSync sync;
        private final Reindexer reindexer;

        Handlers(@Lazy Ingestion ingestion, @Lazy SourceSync sync, @Lazy Reindexer reindexer) {
            this.ingestion = ingestion;
            this.sync = sync;
            this.reindexer = reindexer;
        }

        Handler of(Kind kind) {
            return switch (kind) {
                case INGEST -> ingestion;
                case SYNC -> sync;
                case REINDEX -> reindexer;
            };
        }
    }

    KnowledgeJobs(DSLContext db, ScopedTransactions tx, KnowledgeProperties properties, Handlers handlers) {
        this.db = db;
        this.tx = tx;
        this.lease = properties.jobLease();
        this.handlers = handlers;
        this.loop = new WorkerLoop(
                "knowledge-jobs", "Knowledge job", log, Duration.ofMillis(500), Duration.ofSeconds(1), this::workOnce);
    }

    /** Adds a job in the caller's transaction (scope must allow the organisation); wakes the worker after commit. */
    void enqueue(UUID orgId, Kind kind, UUID targetId) {
        db.insertInto(Jobs.T)
                .set(Jobs.ORG_ID, orgId)
                .set(Jobs.KIND, kind.json())
                .set(Jobs.TARGET_ID, targetId)
                .execute();
        AfterCommit.run(loop::wake);
    }

    /** Claims and runs one due job; answers whether there was one. */
    boolean workOnce() {
        Job job = claim();
        if (job == null) {
            return false;
        }
        Handler handler = handlers.of(job.kind());
        try {
            handler.run(job, () -> renew(job));
            tx.asSystem("knowledge job done", () -> {
                db.deleteFrom(Jobs.T).where(Jobs.ID.eq(job.id())).execute();
            });
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            boolean last = job.attempts() >= MAX_ATTEMPTS;
            log.warn(
                    "Knowledge job {} {} of organisation {} failed (attempt {}): {}",
                    job.kind().json(),
                    job.targetId(),
                    job.orgId(),
                    job.attempts(),
                    e.toString());
            tx.asSystem("knowledge job failed", () -> {
                db.update(Jobs.T)
                        .set(Jobs.STATUS, last ? "failed" : "pending")
                        .set(Jobs.LAST_ERROR, error)
                        .set(Jobs.NEXT_ATTEMPT_AT, Instant.now().plusSeconds(5L * job.attempts()))
                        .where(Jobs.ID.eq(job.id()))
                        .execute();
            });
            if (last) {
                handler.gaveUp(job, error);
            }
        }
        return true;
    }

    private @Nullable Job claim() {
        return tx.asSystem("knowledge job claim", () -> {
            var due = db.select(Jobs.ID)
                    .from(Jobs.T)
                    .where(Jobs.STATUS.eq("pending").and(Jobs.NEXT_ATTEMPT_AT.le(Instant.now())))
                    .or(Jobs.STATUS
                            .eq("processing")
                            .and(Jobs.CLAIMED_AT.lt(Instant.now().minus(lease))))
                    .orderBy(Jobs.ID)
                    .limit(1)
                    .forUpdate()
                    .skipLocked();
            return db.update(Jobs.T)
                    .set(Jobs.STATUS, "processing")
                    .set(Jobs.CLAIMED_AT, Instant.now())
                    .set(Jobs.ATTEMPTS, Jobs.ATTEMPTS.plus(1))
                    .where(Jobs.ID.eq(DSL.field(due)))
                    .returning(Jobs.ID, Jobs.ORG_ID, Jobs.KIND, Jobs.TARGET_ID, Jobs.ATTEMPTS)
                    .fetchOptional()
                    .map(r -> new Job(
                            r.get(Jobs.ID),
                            r.get(Jobs.ORG_ID),
                            Kind.valueOf(r.get(Jobs.KIND).toUpperCase(Locale.ROOT)),
                            r.get(Jobs.TARGET_ID),
                            r.get(Jobs.ATTEMPTS)))
                    .orElse(null);
        });
    }

    private void renew(Job job) {
        tx.asSystem("knowledge job heartbeat", () -> {
            db.update(Jobs.T)
                    .set(Jobs.CLAIMED_AT, Instant.now())
                    .where(Jobs.ID.eq(job.id()))
                    .execute();
        });
    }

    /** Whether jobs of this organisation are waiting or running (for tests and status pages). */
    int pending(UUID orgId) {
        return tx.inOrg(
                orgId, () -> db.fetchCount(Jobs.T, Jobs.ORG_ID.eq(orgId).and(Jobs.STATUS.in("pending", "processing"))));
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

    /** Stop before the web server and the database pool; after the indexes' owners. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
