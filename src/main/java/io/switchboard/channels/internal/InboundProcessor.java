package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.InboundEvents;
import static io.switchboard.channels.internal.ChannelTables.MediaFetches;

import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.UnreadablePayloadException;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.MessageContent;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works the inbound inbox: claims batches with SKIP LOCKED (any node may run this), turns each raw
 * payload into contacts, conversations and messages. A failing event is retried with backoff and
 * finally marked failed, visibly; it never blocks the others.
 */
@Component
class InboundProcessor extends QueueWorker {

    static final int BATCH = 100;
    static final int MAX_ATTEMPTS = 30;
    static final Duration LEASE = Duration.ofSeconds(20);
    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final DSLContext db;
    private final ChannelService channels;
    private final ContactDirectory contacts;
    private final Conversations conversations;
    private final ScopedTransactions tx;
    private final org.springframework.context.ApplicationEventPublisher events;

    InboundProcessor(
            DSLContext db,
            ChannelService channels,
            ContactDirectory contacts,
            Conversations conversations,
            ScopedTransactions tx,
            org.springframework.context.ApplicationEventPublisher events) {
        // Several loops, each working a claimed batch in one transaction with the senders locked in
        // one global order; one event per transaction when a batch fails as a whole (ADR 0005).
        super("inbound-processor", 4);
        this.db = db;
        this.channels = channels;
        this.contacts = contacts;
        this.conversations = conversations;
        this.tx = tx;
        this.events = events;
    }

    /** One claimed event: the lease is taken, the work is not done yet. */
    record Claimed(long id, UUID orgId, UUID channelId, String payload, String contentType, int attempts) {}

    /** Claims a batch under a lease, then processes each event in its own transaction. */
    @Override
    int workOnce() {
        List<Claimed> batch = tx.asSystem(
                "inbound claim",
                () -> db.resultQuery("""
                        update inbound_events
                           set status = 'processing', claimed_at = now()
                         where id in (select id from inbound_events
                                       where status = 'pending' and next_attempt_at <= now()
                                       order by id
                                       limit ? for update skip locked)
                        returning id, org_id, channel_id, payload, content_type, attempts
                        """, BATCH)
                        .fetch(r -> new Claimed(
                                r.get(0, Long.class),
                                r.get(1, UUID.class),
                                r.get(2, UUID.class),
                                r.get(3, String.class),
                                r.get(4, String.class),
                                r.get(5, Integer.class))));
        if (batch.isEmpty()) return 0;
        // a batch usually comes from few channels: load (and decrypt) each once
        Map<UUID, ChannelService.LoadedChannel> channelsOfBatch = new HashMap<>();
        List<Claimed> ordered =
                batch.stream().sorted(Comparator.comparingLong(Claimed::id)).toList();
        try {
            processTogether(ordered, channelsOfBatch);
        } catch (RuntimeException e) {
            // a deadlock with another node or a broken connection: nothing of the batch was committed,
            // so go through it again one event per transaction, as the slow and simple path
            log.debug("Inbound batch of {} failed as a whole ({}); one by one now", ordered.size(), e.toString());
            ordered.forEach(event -> processOne(event, channelsOfBatch));
        }
        return batch.size();
    }

    /**
     * The whole batch in one transaction (one commit instead of one per event), each event behind a
     * savepoint so a failing one is recorded without undoing the others. Locks on the senders of the
     * batch are taken first and in one global order, so concurrent loops never wait on each other in
     * a cycle (ADR 0005).
     */
    private void processTogether(List<Claimed> ordered, Map<UUID, ChannelService.LoadedChannel> channelsOfBatch) {
        tx.asSystem("inbound batch", () -> {
            Map<Long, List<InboundItem>> parsed = new HashMap<>();
            Map<Long, RuntimeException> unreadable = new HashMap<>();
            TreeSet<String> senderKeys = new TreeSet<>();
            for (Claimed event : ordered) {
                try {
                    List<InboundItem> items = parse(event, channelsOfBatch);
                    parsed.put(event.id(), items);
                    items.forEach(item -> senderKeys.add(event.channelId() + "|" + senderKey(item)));
                } catch (RuntimeException e) {
                    unreadable.put(event.id(), e);
                }
            }
            for (String key : senderKeys) {
                db.select(DSL.field("pg_advisory_xact_lock(hashtextextended({0}, 1))", Object.class, key))
                        .fetch();
            }
            for (Claimed event : ordered) {
                RuntimeException failure = unreadable.get(event.id());
                if (failure == null) {
                    db.execute("savepoint inbound_event");
                    try {
                        record(event, parsed.get(event.id()), channelsOfBatch);
                        markDone(event);
                        db.execute("release savepoint inbound_event");
                        continue;
                    } catch (RuntimeException e) {
                        db.execute("rollback to savepoint inbound_event");
                        failure = e;
                    }
                }
                markFailedAttempt(event, failure);
            }
        });
    }

    private static String senderKey(InboundItem item) {
        return switch (item) {
            case InboundItem.Message message -> "from:" + message.externalId();
            case InboundItem.StatusUpdate update -> "status:" + update.providerMessageId();
            case InboundItem.TemplateStatus template -> "template:" + template.providerTemplateId();
        };
    }

    private void processOne(Claimed event, Map<UUID, ChannelService.LoadedChannel> channelsOfBatch) {
        try {
            tx.asSystem("inbound event", () -> {
                record(event, parse(event, channelsOfBatch), channelsOfBatch);
                markDone(event);
            });
        } catch (RuntimeException e) {
            tx.asSystem("inbound retry", () -> markFailedAttempt(event, e));
        }
    }

    private void markDone(Claimed event) {
        db.update(InboundEvents.T)
                .set(InboundEvents.STATUS, "done")
                .set(InboundEvents.PROCESSED_AT, Instant.now())
                .set(InboundEvents.ATTEMPTS, InboundEvents.ATTEMPTS.plus(1))
                .where(InboundEvents.ID.eq(event.id()))
                .execute();
    }

    /** Back to the queue with backoff, or failed for good (visibly) after the last attempt. */
    private void markFailedAttempt(Claimed event, RuntimeException e) {
        int attempts = event.attempts() + 1;
        // an unreadable payload stays unreadable: fail it now, visibly, rather than retry for hours
        boolean giveUp = attempts >= MAX_ATTEMPTS || e instanceof UnreadablePayloadException;
        String reason = switch (e) {
            case NotYetKnown notYet -> notYet.getMessage();
            case UnreadablePayloadException unreadable -> "unreadable payload: " + unreadable.getMessage();
            default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
        if (!(e instanceof NotYetKnown)) {
            log.warn("Inbound event {} failed (attempt {}): {}", event.id(), attempts, reason);
        }
        db.update(InboundEvents.T)
                .set(InboundEvents.STATUS, giveUp ? "failed" : "pending")
                .set(InboundEvents.ATTEMPTS, attempts)
                .set(InboundEvents.NEXT_ATTEMPT_AT, Instant.now().plus(backoff(attempts)))
                .set(InboundEvents.LAST_ERROR, reason)
                .where(InboundEvents.ID.eq(event.id()))
                .execute();
    }

    /**
     * A lease older than {@link #LEASE} belongs to a process that died (or stalled): the event goes
     * back to the queue. Processing twice is harmless: ingest is idempotent on provider message ids.
     */
    @Scheduled(fixedDelay = 5_000, initialDelay = 2_000)
    void releaseExpiredLeases() {
        tx.asSystem(
                "inbound lease recovery",
                () -> db.update(InboundEvents.T)
                        .set(InboundEvents.STATUS, "pending")
                        .where(
                                InboundEvents.STATUS.eq("processing"),
                                InboundEvents.CLAIMED_AT.lt(Instant.now().minus(LEASE)))
                        .execute());
    }

    private List<InboundItem> parse(Claimed event, Map<UUID, ChannelService.LoadedChannel> channelsOfBatch) {
        var channel = channelsOfBatch.computeIfAbsent(
                event.channelId(),
                id -> channels.load(id).orElseThrow(() -> new IllegalStateException("channel " + id + " is gone")));
        return channel.factory().create(channel.connection()).parse(event.payload(), event.contentType());
    }

    private void record(
            Claimed event, List<InboundItem> items, Map<UUID, ChannelService.LoadedChannel> channelsOfBatch) {
        var channel = channelsOfBatch.get(event.channelId()); // loaded by parse()
        UUID orgId = event.orgId();
        UUID channelId = event.channelId();
        for (InboundItem item : items) {
            switch (item) {
                case InboundItem.Message message -> {
                    var contact = contacts.resolveByIdentity(
                            orgId, channelId, message.externalId(), message.displayName(), message.phoneE164());
                    var recorded = conversations.recordInbound(
                            orgId,
                            channelId,
                            contact.id(),
                            message.providerMessageId(),
                            message.content(),
                            message.sentAt());
                    if (recorded.isPresent()
                            && message.content() instanceof MessageContent.Media media
                            && media.url() != null
                            && media.fileKey() == null
                            && channel != null
                            && channel.factory().fetchesInboundMedia()) {
                        // fetched by MediaFetcher after this commits: the message never waits for the download
                        db.insertInto(MediaFetches.T)
                                .set(MediaFetches.ORG_ID, orgId)
                                .set(MediaFetches.CHANNEL_ID, channelId)
                                .set(MediaFetches.MESSAGE_ID, recorded.get().messageId())
                                .execute();
                    }
                }
                case InboundItem.StatusUpdate update -> {
                    if (!conversations.updateDeliveryState(
                            orgId, channelId, update.providerMessageId(), update.state(), update.error())) {
                        // the status overtook our record of the send: keep it and try again shortly
                        throw new NotYetKnown("status " + update.state().json() + " for unknown message "
                                + update.providerMessageId());
                    }
                }
                // the owner of templates (campaigns) applies it in this transaction
                case InboundItem.TemplateStatus template ->
                    events.publishEvent(new io.switchboard.channels.TemplateStatusReported(
                            orgId,
                            channelId,
                            template.providerTemplateId(),
                            template.name(),
                            template.language(),
                            template.status(),
                            template.reason()));
            }
        }
    }

    static Duration backoff(int attempts) {
        long seconds = Math.min(300, (long) Math.pow(2, Math.min(attempts, 9)));
        return Duration.ofSeconds(seconds)
                .plusMillis(java.util.concurrent.ThreadLocalRandom.current().nextLong(250));
    }

    static final class NotYetKnown extends RuntimeException {
        NotYetKnown(String message) {
            super(message, null, false, false);
        }
    }
}
