package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.InboundEvents;
import static io.switchboard.channels.internal.ChannelTables.MediaFetches;
import static io.switchboard.channels.internal.ChannelTables.Outbound;

import io.switchboard.contacts.ContactExport;
import io.switchboard.contacts.PersonalDataHolder;
import io.switchboard.conversations.HistoryPurged;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What channels keep about people beside the messages: delivery rows (the recipient's address), media
 * fetch rows, and raw webhook payloads. Delivery and fetch rows go with their messages (purge and
 * erasure); raw payloads, needed only until processed, are deleted {@code
 * switchboard.channels.inbound-payload-retention} (default 7 days) after processing.
 */
@Component
class ChannelPersonalData implements PersonalDataHolder {

    private static final Logger log = LoggerFactory.getLogger(ChannelPersonalData.class);
    private static final int PRUNE_BATCH = 5_000;
    /** Read-only look at the conversations module's tables: which messages are the contact's. */
    private static final Field<UUID> MESSAGE_ID = DSL.field(DSL.name("messages", "id"), SQLDataType.UUID);

    private static final Field<UUID> MESSAGE_CONVERSATION =
            DSL.field(DSL.name("messages", "conversation_id"), SQLDataType.UUID);
    private static final Field<UUID> CONVERSATION_ID = DSL.field(DSL.name("conversations", "id"), SQLDataType.UUID);
    private static final Field<UUID> CONVERSATION_ORG =
            DSL.field(DSL.name("conversations", "org_id"), SQLDataType.UUID);
    private static final Field<UUID> CONVERSATION_CONTACT =
            DSL.field(DSL.name("conversations", "contact_id"), SQLDataType.UUID);

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final Duration payloadRetention;

    ChannelPersonalData(
            DSLContext db,
            ScopedTransactions tx,
            @Value("${switchboard.channels.inbound-payload-retention:7d}") Duration payloadRetention) {
        this.db = db;
        this.tx = tx;
        this.payloadRetention = payloadRetention;
    }

    @Override
    public String name() {
        return "channels";
    }

    @Override
    public void export(UUID orgId, UUID contactId, ContactExport out) {
        // delivery rows repeat the contact's address, already in the contact part
    }

    private static Select<Record1<UUID>> messagesOf(UUID orgId, UUID contactId) {
        return DSL.select(MESSAGE_ID)
                .from(DSL.table(DSL.name("messages")))
                .join(DSL.table(DSL.name("conversations")))
                .on(CONVERSATION_ID.eq(MESSAGE_CONVERSATION))
                .where(CONVERSATION_ORG.eq(orgId), CONVERSATION_CONTACT.eq(contactId));
    }

    @Override
    public Map<String, Long> erase(UUID orgId, UUID contactId) {
        long deliveries = db.deleteFrom(Outbound.T)
                .where(Outbound.ORG_ID.eq(orgId), Outbound.MESSAGE_ID.in(messagesOf(orgId, contactId)))
                .execute();
        long fetches = db.deleteFrom(MediaFetches.T)
                .where(MediaFetches.ORG_ID.eq(orgId), MediaFetches.MESSAGE_ID.in(messagesOf(orgId, contactId)))
                .execute();
        var counts = new LinkedHashMap<String, Long>();
        counts.put("deliveries", deliveries);
        counts.put("mediaFetches", fetches);
        return counts;
    }

    /** The retention purge took these messages: their delivery and fetch rows go in the same transaction. */
    @EventListener
    void on(HistoryPurged purged) {
        db.deleteFrom(Outbound.T)
                .where(Outbound.ORG_ID.eq(purged.orgId()), Outbound.MESSAGE_ID.in(purged.messageIds()))
                .execute();
        db.deleteFrom(MediaFetches.T)
                .where(MediaFetches.ORG_ID.eq(purged.orgId()), MediaFetches.MESSAGE_ID.in(purged.messageIds()))
                .execute();
    }

    /** Raw payloads of processed webhooks, in batches (short transactions; any node may run it). */
    @Scheduled(fixedDelayString = "${switchboard.channels.inbound-payload-prune-interval:1h}", initialDelay = 60_000)
    void pruneProcessedPayloads() {
        Instant before = Instant.now().minus(payloadRetention);
        int deleted;
        do {
            deleted = tx.asSystem(
                    "prune processed inbound payloads",
                    () -> db.deleteFrom(InboundEvents.T)
                            .where(InboundEvents.ID.in(DSL.select(InboundEvents.ID)
                                    .from(InboundEvents.T)
                                    .where(InboundEvents.STATUS.eq("done"), InboundEvents.PROCESSED_AT.lt(before))
                                    .limit(PRUNE_BATCH)
                                    .forUpdate()
                                    .skipLocked()))
                            .execute());
            if (deleted > 0) log.info("Pruned {} processed inbound payloads", deleted);
        } while (deleted == PRUNE_BATCH);
    }
}
