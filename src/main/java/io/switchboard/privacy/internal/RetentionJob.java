package io.switchboard.privacy.internal;

import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the retention purge on a schedule ({@code switchboard.privacy.retention-interval}, default 6 h).
 * Every node runs it; per-organisation advisory locks keep two nodes off the same organisation.
 */
@Component
class RetentionJob {

    private final RetentionService retention;
    private final Duration interval;
    private volatile Instant nextRunAt;

    RetentionJob(
            RetentionService retention,
            @Value("${switchboard.privacy.retention-interval:6h}") Duration interval,
            @Value("${switchboard.privacy.retention-initial-delay:10m}") Duration initialDelay) {
        this.retention = retention;
        this.interval = interval;
        this.nextRunAt = Instant.now().plus(initialDelay);
    }

    @Scheduled(
            fixedDelayString = "${switchboard.privacy.retention-interval:6h}",
            initialDelayString = "${switchboard.privacy.retention-initial-delay:10m}")
    void run() {
        try {
            retention.purgeAll(Instant.now());
        } finally {
            nextRunAt = Instant.now().plus(interval);
        }
    }

    /** When this node runs the purge next (every node runs it; the earliest one does the work). */
    Instant nextRunAt() {
        return nextRunAt;
    }

    Duration interval() {
        return interval;
    }
}
