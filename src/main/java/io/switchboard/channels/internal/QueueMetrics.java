package io.switchboard.channels.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.shared.db.ScopedTransactions;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Backlog and lag of the inbound and outbound queues as Prometheus gauges (all organisations), so
 * an operator can alert when processing falls behind. Read every 5 s rather than per scrape.
 */
@Component
class QueueMetrics {

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final AtomicLong inboundBacklog = new AtomicLong();
    private final AtomicLong inboundLagSeconds = new AtomicLong();
    private final AtomicLong outboundBacklog = new AtomicLong();
    private final AtomicLong outboundLagSeconds = new AtomicLong();

    QueueMetrics(DSLContext db, ScopedTransactions tx, MeterRegistry registry) {
        this.db = db;
        this.tx = tx;
        Gauge.builder("switchboard.inbound.backlog", inboundBacklog, AtomicLong::get)
                .description("webhook payloads stored but not processed yet")
                .register(registry);
        Gauge.builder("switchboard.inbound.lag.seconds", inboundLagSeconds, AtomicLong::get)
                .description("age of the oldest unprocessed webhook payload")
                .register(registry);
        Gauge.builder("switchboard.outbound.backlog", outboundBacklog, AtomicLong::get)
                .description("messages waiting to be sent")
                .register(registry);
        Gauge.builder("switchboard.outbound.lag.seconds", outboundLagSeconds, AtomicLong::get)
                .description("age of the oldest message waiting to be sent")
                .register(registry);
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 1_000)
    void refresh() {
        tx.asSystem("queue metrics", () -> {
            var inbound = db.resultQuery("""
                    select count(*), coalesce(extract(epoch from now() - min(received_at)), 0)::bigint
                      from inbound_events where status in ('pending', 'processing')""").fetchSingle();
            var outbound = db.resultQuery("""
                    select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)::bigint
                      from outbound_messages where status in ('queued', 'claimed', 'sending')""").fetchSingle();
            inboundBacklog.set(inbound.get(0, Long.class));
            inboundLagSeconds.set(inbound.get(1, Long.class));
            outboundBacklog.set(outbound.get(0, Long.class));
            outboundLagSeconds.set(outbound.get(1, Long.class));
        });
    }
}
