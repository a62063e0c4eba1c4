package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.InboundEvents;

import io.switchboard.channels.spi.InboundItem;
import io.switchboard.channels.spi.UnreadablePayloadException;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.shared.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the inbound inbox: claims batches with SKIP LOCKED (any node may run this), turns each raw
 * payload into contacts, conversations and messages. A failing event is retried with backoff and
 * finally marked failed, visibly; it never blocks the others.
 */
@Component
class InboundProcessor extends QueueWorker {

    static final int BATCH = 100;
    static final int MAX_ATTEMPTS = 30;
    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final DSLContext db;
    private final ChannelService channels;
    private final ContactDirectory contacts;
    private final Conversations conversations;
    private final TransactionTemplate batchTx;
    private final TransactionTemplate eventTx;

    InboundProcessor(
            DSLContext db,
            ChannelService channels,
            ContactDirectory contacts,
            Conversations conversations,
            PlatformTransactionManager transactions) {
        // One loop per node: a batch is one transaction, and two concurrent batches touching the same
        // contacts in different orders deadlock. Several nodes still work the queue side by side.
        super("inbound-processor", 1);
        this.db = db;
        this.channels = channels;
        this.contacts = contacts;
        this.conversations = conversations;
        this.batchTx = new TransactionTemplate(transactions);
        this.eventTx = new TransactionTemplate(transactions);
        this.eventTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Processes one batch; answers how many events it claimed. */
    @Override
    int workOnce() {
        return TenantContext.asSystem(
                "inbound processing",
                () -> batchTx.execute(status -> {
                    var batch = db.select(
                                    InboundEvents.ID,
                                    InboundEvents.ORG_ID,
                                    InboundEvents.CHANNEL_ID,
                                    InboundEvents.PAYLOAD,
                                    InboundEvents.CONTENT_TYPE,
                                    InboundEvents.ATTEMPTS)
                            .from(InboundEvents.T)
                            .where(InboundEvents.STATUS.eq("pending"), InboundEvents.NEXT_ATTEMPT_AT.le(Instant.now()))
                            .orderBy(InboundEvents.ID)
                            .limit(BATCH)
                            .forUpdate()
                            .skipLocked()
                            .fetch();
                    // a batch usually comes from few channels: load (and decrypt) each once
                    Map<UUID, ChannelService.LoadedChannel> channelsOfBatch = new HashMap<>();
                    for (Record event : batch) {
                        processOne(event, channelsOfBatch);
                    }
                    return batch.size();
                }));
    }

    private void processOne(Record event, Map<UUID, ChannelService.LoadedChannel> channelsOfBatch) {
        long id = event.get(InboundEvents.ID);
        try {
            eventTx.executeWithoutResult(savepoint -> apply(event, channelsOfBatch));
            db.update(InboundEvents.T)
                    .set(InboundEvents.STATUS, "done")
                    .set(InboundEvents.PROCESSED_AT, Instant.now())
                    .set(InboundEvents.ATTEMPTS, InboundEvents.ATTEMPTS.plus(1))
                    .where(InboundEvents.ID.eq(id))
                    .execute();
        } catch (RuntimeException e) {
            int attempts = event.get(InboundEvents.ATTEMPTS) + 1;
            // an unreadable payload stays unreadable: fail it now, visibly, rather than retry for hours
            boolean giveUp = attempts >= MAX_ATTEMPTS || e instanceof UnreadablePayloadException;
            String reason = switch (e) {
                case NotYetKnown notYet -> notYet.getMessage();
                case UnreadablePayloadException unreadable -> "unreadable payload: " + unreadable.getMessage();
                default -> e.getClass().getSimpleName() + ": " + e.getMessage();
            };
            if (!(e instanceof NotYetKnown)) {
                log.warn("Inbound event {} failed (attempt {}): {}", id, attempts, reason);
            }
            db.update(InboundEvents.T)
                    .set(InboundEvents.STATUS, giveUp ? "failed" : "pending")
                    .set(InboundEvents.ATTEMPTS, attempts)
                    .set(InboundEvents.NEXT_ATTEMPT_AT, Instant.now().plus(backoff(attempts)))
                    .set(InboundEvents.LAST_ERROR, reason)
                    .where(InboundEvents.ID.eq(id))
                    .execute();
        }
    }

    private void apply(Record event, Map<UUID, ChannelService.LoadedChannel> channelsOfBatch) {
        UUID orgId = event.get(InboundEvents.ORG_ID);
        UUID channelId = event.get(InboundEvents.CHANNEL_ID);
        var channel = channelsOfBatch.computeIfAbsent(
                channelId,
                id -> channels.load(id).orElseThrow(() -> new IllegalStateException("channel " + id + " is gone")));
        List<InboundItem> items = channel.factory()
                .create(channel.connection())
                .parse(event.get(InboundEvents.PAYLOAD), event.get(InboundEvents.CONTENT_TYPE));
        for (InboundItem item : items) {
            switch (item) {
                case InboundItem.Message message -> {
                    var contact = contacts.resolveByIdentity(
                            orgId, channelId, message.externalId(), message.displayName(), message.phoneE164());
                    conversations.recordInbound(
                            orgId,
                            channelId,
                            contact.id(),
                            message.providerMessageId(),
                            message.content(),
                            message.sentAt());
                }
                case InboundItem.StatusUpdate update -> {
                    if (!conversations.updateDeliveryState(
                            orgId, channelId, update.providerMessageId(), update.state(), update.error())) {
                        // the status overtook our record of the send: keep it and try again shortly
                        throw new NotYetKnown("status " + update.state().json() + " for unknown message "
                                + update.providerMessageId());
                    }
                }
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
