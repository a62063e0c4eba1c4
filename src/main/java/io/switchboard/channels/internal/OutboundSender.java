package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.Outbound;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.channels.spi.OutboundRequest;
import io.switchboard.channels.spi.SendResult;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.DeliveryState;
import io.switchboard.shared.TenantContext;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.shared.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends queued messages, each channel paced by its own token bucket (in PostgreSQL, so the cap holds
 * across nodes). A row is committed as 'sending' right before the provider call: after a crash it is
 * marked failed instead of being sent a second time.
 */
@Component
class OutboundSender extends QueueWorker {

    static final int BATCH = 50;
    static final int MAX_ATTEMPTS = 8;
    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final ChannelService channels;
    private final Conversations conversations;
    private final RateLimiter rateLimiter;
    private final ProviderCircuits circuits;
    /** How long a row may stay claimed or sending before it counts as abandoned by a dead sender. */
    private final Duration stuckAfter;

    OutboundSender(
            DSLContext db,
            ScopedTransactions tx,
            ChannelService channels,
            Conversations conversations,
            RateLimiter rateLimiter,
            ProviderCircuits circuits,
            @org.springframework.beans.factory.annotation.Value("${switchboard.outbound.stuck-after:2m}")
                    Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
        super("outbound-sender", 1); // one loop keeps each conversation's replies in order
        this.db = db;
        this.tx = tx;
        this.channels = channels;
        this.conversations = conversations;
        this.rateLimiter = rateLimiter;
        this.circuits = circuits;
    }

    record Claimed(
            long id,
            UUID orgId,
            UUID channelId,
            UUID messageId,
            String recipient,
            int attempts,
            UUID claimId,
            @org.jspecify.annotations.Nullable String paceKey,
            @org.jspecify.annotations.Nullable Double paceRate) {}

    @Override
    int workOnce() {
        List<Claimed> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<UUID, List<Claimed>> byChannel = claimed.stream().collect(Collectors.groupingBy(Claimed::channelId));
        List<Thread> senders = new ArrayList<>();
        byChannel.forEach((channelId, rows) ->
                senders.add(Thread.ofVirtual().name("send-" + channelId).start(() -> sendAll(channelId, rows))));
        for (Thread sender : senders) {
            try {
                sender.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return claimed.size();
    }

    private List<Claimed> claim() {
        UUID claimId = UUID.randomUUID();
        return tx.asSystem(
                "outbound claim",
                () -> db.resultQuery("""
                        update outbound_messages
                           set status = 'claimed', claim_id = ?, claimed_at = now()
                         where id in (select id from outbound_messages
                                       where status = 'queued' and next_attempt_at <= now()
                                       order by next_attempt_at, id
                                       limit ? for update skip locked)
                        returning id, org_id, channel_id, message_id, recipient, attempts, pace_key, pace_rate
                        """, claimId, BATCH)
                        .fetch(r -> new Claimed(
                                r.get(0, Long.class),
                                r.get(1, UUID.class),
                                r.get(2, UUID.class),
                                r.get(3, UUID.class),
                                r.get(4, String.class),
                                r.get(5, Integer.class),
                                claimId,
                                r.get(6, String.class),
                                r.get(7, Double.class))));
    }

    /**
     * Takes the channel's permits one by one, in queue order, and hands each send to its own virtual
     * thread so a slow provider call does not hold up the next permit. A recipient's next message
     * waits for its previous send to finish (before taking a permit, so sends still leave at the
     * paced times): replies to one person stay in order.
     */
    private void sendAll(UUID channelId, List<Claimed> rows) {
        var channel = channels.load(channelId).orElse(null);
        Map<String, Future<?>> lastSendTo = new HashMap<>();
        try (var inFlight = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Claimed row : rows) {
                try {
                    if (channel == null || !channel.enabled()) {
                        fail(row, "channel disabled or removed before sending");
                        continue;
                    }
                    Future<?> previous = lastSendTo.get(row.recipient());
                    if (previous != null) {
                        previous.get();
                    }
                    if (row.paceKey() != null && row.paceRate() != null) {
                        // the sender's own pace (a campaign's rate), never above it in any second
                        rateLimiter.awaitPermit(row.paceKey(), row.paceRate());
                    }
                    rateLimiter.awaitPermit("send:" + channelId, channel.ratePerSecond());
                    lastSendTo.put(row.recipient(), inFlight.submit(() -> sendOne(channel, row)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException | RuntimeException e) {
                    log.warn("Sending outbound {} failed unexpectedly: {}", row.id(), e.toString());
                }
            }
        } // closing the executor waits for the sends in flight
    }

    private void sendOne(ChannelService.LoadedChannel channel, Claimed row) {
        CircuitBreaker circuit = circuits.forChannel(row.channelId());
        if (!circuit.tryAcquirePermission()) {
            requeue(row, circuits.cooldown(), "the provider keeps failing; sending paused for a moment (circuit open)");
            return;
        }
        boolean called = false;
        try {
            if (!markSending(row)) {
                return; // the claim was taken back (we were presumed dead); another sender owns it
            }
            var message = TenantContext.asSystem(
                    "outbound load", () -> conversations.forDelivery(row.orgId(), row.messageId()));
            if (message.isEmpty()) {
                fail(row, "message no longer exists");
                return;
            }
            SendResult result;
            long started = System.nanoTime();
            called = true;
            try {
                result = channel.factory()
                        .create(channel.connection())
                        .send(new OutboundRequest(
                                row.messageId(), row.recipient(), message.get().content(), "sb-" + row.messageId()));
            } catch (RuntimeException e) {
                result = new SendResult.RetryLater(Duration.ZERO, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            long took = System.nanoTime() - started;
            if (result instanceof SendResult.RetryLater retry) {
                circuit.onError(took, TimeUnit.NANOSECONDS, new ProviderUnavailable(retry.reason()));
            } else {
                circuit.onSuccess(took, TimeUnit.NANOSECONDS);
            }
            record(row, result);
        } catch (RuntimeException e) {
            log.warn("Sending outbound {} failed unexpectedly: {}", row.id(), e.toString());
        } finally {
            if (!called) circuit.releasePermission();
        }
    }

    /** A transient provider failure, as the circuit breaker records it. */
    static final class ProviderUnavailable extends RuntimeException {
        ProviderUnavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Back to the queue without counting an attempt (the provider was not called). */
    private void requeue(Claimed row, Duration wait, String reason) {
        tx.asSystem(
                "outbound paused",
                () -> db.update(Outbound.T)
                        .set(Outbound.STATUS, "queued")
                        .set(Outbound.CLAIM_ID, (UUID) null)
                        .set(Outbound.NEXT_ATTEMPT_AT, Instant.now().plus(wait))
                        .set(Outbound.LAST_ERROR, reason)
                        .where(
                                Outbound.ID.eq(row.id()),
                                Outbound.STATUS.eq("claimed"),
                                Outbound.CLAIM_ID.eq(row.claimId()))
                        .execute());
    }

    private boolean markSending(Claimed row) {
        return tx.asSystem(
                        "outbound sending",
                        () -> db.update(Outbound.T)
                                .set(Outbound.STATUS, "sending")
                                .set(Outbound.ATTEMPTS, Outbound.ATTEMPTS.plus(1))
                                .set(Outbound.CLAIMED_AT, Instant.now())
                                .where(
                                        Outbound.ID.eq(row.id()),
                                        Outbound.STATUS.eq("claimed"),
                                        Outbound.CLAIM_ID.eq(row.claimId()))
                                .execute())
                == 1;
    }

    private void record(Claimed row, SendResult result) {
        switch (result) {
            case SendResult.Sent(String providerId) -> sent(row, providerId, DeliveryState.SENT);
            case SendResult.Delivered(String providerId) -> sent(row, providerId, DeliveryState.DELIVERED);
            case SendResult.Failed(String reason) -> fail(row, reason);
            case SendResult.RetryLater(Duration after, String reason) -> {
                int attempts = row.attempts() + 1;
                if (attempts >= MAX_ATTEMPTS) {
                    fail(row, "gave up after " + attempts + " attempts: " + reason);
                    return;
                }
                Duration wait = after.compareTo(backoff(attempts)) > 0 ? after : backoff(attempts);
                tx.asSystem(
                        "outbound retry",
                        () -> db.update(Outbound.T)
                                .set(Outbound.STATUS, "queued")
                                .set(Outbound.NEXT_ATTEMPT_AT, Instant.now().plus(wait))
                                .set(Outbound.LAST_ERROR, reason)
                                .where(Outbound.ID.eq(row.id()))
                                .execute());
            }
        }
    }

    private void sent(Claimed row, String providerId, DeliveryState state) {
        try {
            recordSent(row, providerId, state);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // the provider reused an id we already hold: keep the evidence, never leave the row in 'sending'
            fail(row, "provider answered message id " + providerId + ", which another message already has");
        }
    }

    private void recordSent(Claimed row, String providerId, DeliveryState state) {
        tx.asSystem("outbound sent", () -> {
            db.update(Outbound.T)
                    .set(Outbound.STATUS, "sent")
                    .set(Outbound.PROVIDER_MESSAGE_ID, providerId)
                    .set(Outbound.SENT_AT, Instant.now())
                    .where(Outbound.ID.eq(row.id()))
                    .execute();
            conversations.markSent(row.orgId(), row.messageId(), providerId, state);
        });
    }

    private void fail(Claimed row, String reason) {
        tx.asSystem("outbound failed", () -> {
            db.update(Outbound.T)
                    .set(Outbound.STATUS, "failed")
                    .set(Outbound.LAST_ERROR, reason)
                    .where(Outbound.ID.eq(row.id()))
                    .execute();
            conversations.markFailed(row.orgId(), row.messageId(), reason);
        });
    }

    /**
     * After a crash: claimed rows were never handed to the provider, so they go back to the queue;
     * rows caught 'sending' may have reached it, so they fail visibly rather than risk a duplicate.
     */
    @Scheduled(
            fixedDelayString = "${switchboard.outbound.recovery-interval:PT30S}",
            initialDelayString = "${switchboard.outbound.recovery-initial-delay:PT5S}")
    void recoverAbandoned() {
        Instant cutoff = Instant.now().minus(stuckAfter);
        tx.asSystem("outbound recovery", () -> {
            db.update(Outbound.T)
                    .set(Outbound.STATUS, "queued")
                    .set(Outbound.CLAIM_ID, (UUID) null)
                    .where(Outbound.STATUS.eq("claimed"), Outbound.CLAIMED_AT.lt(cutoff))
                    .execute();
            var interrupted = db.update(Outbound.T)
                    .set(Outbound.STATUS, "failed")
                    .set(
                            Outbound.LAST_ERROR,
                            "interrupted while sending; delivery unknown, not resent to avoid a duplicate")
                    .where(Outbound.STATUS.eq("sending"), Outbound.CLAIMED_AT.lt(cutoff))
                    .returning(Outbound.ORG_ID, Outbound.MESSAGE_ID, Outbound.LAST_ERROR)
                    .fetch();
            interrupted.forEach(r -> conversations.markFailed(
                    r.get(Outbound.ORG_ID), r.get(Outbound.MESSAGE_ID), r.get(Outbound.LAST_ERROR)));
        });
    }

    static Duration backoff(int attempts) {
        long base = Math.min(300_000, 1000L << Math.min(attempts, 8));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
