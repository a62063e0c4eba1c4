package io.switchboard.flows.internal;

import static io.switchboard.flows.internal.FlowTables.Jobs;

import io.switchboard.shared.db.ScopedTransactions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works the durable timers (delays, reply timeouts) in {@code flow_jobs}: any node claims due jobs
 * with SKIP LOCKED and leases them by moving {@code due_at} a minute ahead, so a node that dies
 * mid-job leaves it to another after the lease; a job is deleted in the transaction that ran it.
 */
@Component
class FlowTimers {

    private static final Logger log = LoggerFactory.getLogger(FlowTimers.class);
    private static final int BATCH = 50;
    private static final int MAX_ATTEMPTS = 5;

    record Claimed(long id, UUID orgId, UUID sessionId, String kind, int waitSeq, int attempts) {}

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final FlowRuntime runtime;
    private final boolean enabled;

    FlowTimers(
            DSLContext db,
            ScopedTransactions tx,
            FlowRuntime runtime,
            @Value("${switchboard.flows.timers.enabled:true}") boolean enabled) {
        this.db = db;
        this.tx = tx;
        this.runtime = runtime;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "${switchboard.flows.timers.poll-ms:1000}", initialDelay = 2_000)
    void poll() {
        if (!enabled) return;
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("Flow timers: {}", e.getMessage());
        }
    }

    /** Claims and runs every due timer; answers how many ran (tests call it directly). */
    int runDue() {
        int ran = 0;
        List<Claimed> claimed;
        do {
            claimed = claim();
            for (Claimed job : claimed) {
                try {
                    tx.inOrg(job.orgId(), () -> {
                        runtime.fire(job.orgId(), job.sessionId(), job.kind(), job.waitSeq());
                        db.deleteFrom(Jobs.T).where(Jobs.ID.eq(job.id())).execute();
                        return null;
                    });
                    ran++;
                } catch (RuntimeException e) {
                    log.warn(
                            "Flow timer {} of session {} failed (attempt {}): {}",
                            job.id(),
                            job.sessionId(),
                            job.attempts(),
                            e.getMessage());
                    if (job.attempts() >= MAX_ATTEMPTS) {
                        tx.inOrg(
                                job.orgId(),
                                () -> db.deleteFrom(Jobs.T)
                                        .where(Jobs.ID.eq(job.id()))
                                        .execute());
                    }
                }
            }
        } while (claimed.size() == BATCH);
        return ran;
    }

    private List<Claimed> claim() {
        return tx.asSystem("flow timers", () -> {
            var due = DSL.select(Jobs.ID)
                    .from(Jobs.T)
                    .where(Jobs.DUE_AT.le(Instant.now()))
                    .orderBy(Jobs.DUE_AT)
                    .limit(BATCH)
                    .forUpdate()
                    .skipLocked();
            return db.update(Jobs.T)
                    .set(Jobs.DUE_AT, Instant.now().plusSeconds(60))
                    .set(Jobs.ATTEMPTS, Jobs.ATTEMPTS.plus(1))
                    .where(Jobs.ID.in(due))
                    .returning(Jobs.ID, Jobs.ORG_ID, Jobs.SESSION_ID, Jobs.KIND, Jobs.WAIT_SEQ, Jobs.ATTEMPTS)
                    .fetch(r -> new Claimed(
                            r.get(Jobs.ID),
                            r.get(Jobs.ORG_ID),
                            r.get(Jobs.SESSION_ID),
                            r.get(Jobs.KIND),
                            r.get(Jobs.WAIT_SEQ),
                            r.get(Jobs.ATTEMPTS)));
        });
    }
}
