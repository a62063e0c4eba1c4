package io.switchboard.calls.internal;

import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One loop per node working the durable call jobs (dispatch, simulator steps, polls, finalisation) and
 * the stored provider webhooks. Jobs are leased, not held in a transaction, so a slow provider never
 * holds a lock and a node that dies leaves its jobs due again.
 */
@Component
class CallWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallWorker.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration IDLE = Duration.ofMillis(200);

    private final ScopedTransactions tx;
    private final CallStore store;
    private final ObjectProvider<CallLifecycle> lifecycle;
    private final ObjectProvider<CallWebhooks> webhooks;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    CallWorker(
            ScopedTransactions tx,
            CallStore store,
            ObjectProvider<CallLifecycle> lifecycle,
            ObjectProvider<CallWebhooks> webhooks) {
        this.tx = tx;
        this.store = store;
        this.lifecycle = lifecycle;
        this.webhooks = webhooks;
    }

    void wakeUp() {
        wake.release();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("call-worker").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                int done = workOnce();
                if (done == 0) {
                    wake.tryAcquire(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) return;
                log.warn("call worker failed, retrying shortly: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    int workOnce() throws InterruptedException {
        int done = webhooks.getObject().processPending(20);
        // microsecond precision: the lease value is compared for equality after a round trip
        Instant leaseUntil = Instant.now().plus(LEASE).truncatedTo(ChronoUnit.MICROS);
        var jobs = tx.asSystem("call jobs", () -> store.claimDue(32, leaseUntil));
        if (jobs.isEmpty()) return done;
        var calls = lifecycle.getObject();
        var threads = new ArrayList<Thread>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var job : jobs) {
                executor.submit(() -> {
                    try {
                        switch (job.kind()) {
                            case CallStore.DISPATCH -> calls.dispatch(job.orgId(), job.callId());
                            case CallStore.SIMULATE -> calls.simulate(job.orgId(), job.callId(), job.step());
                            case CallStore.POLL -> calls.poll(job.orgId(), job.callId());
                            case CallStore.FINALIZE -> calls.finalizeCall(job.orgId(), job.callId());
                            default -> log.warn("unknown call job kind {}", job.kind());
                        }
                    } catch (RuntimeException e) {
                        log.warn(
                                "call job {} ({}) of call {} failed: {}",
                                job.id(),
                                job.kind(),
                                job.callId(),
                                e.toString());
                        Instant retry = Instant.now().plusSeconds(Math.min(300, 2L << Math.min(job.attempts(), 7)));
                        tx.asSystem("call job retry", () -> store.failJob(job.id(), e.toString(), retry));
                    }
                });
            }
        }
        threads.clear();
        return done + jobs.size();
    }

    @Override
    public void stop() {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
