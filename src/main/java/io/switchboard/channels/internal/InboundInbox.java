package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.InboundEvents;

import io.switchboard.shared.db.ScopedTransactions;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The only thing a webhook does before answering: commit the raw payload. */
@Component
class InboundInbox {

    private final DSLContext db;
    private final ScopedTransactions tx;

    InboundInbox(DSLContext db, ScopedTransactions tx) {
        this.db = db;
        this.tx = tx;
    }

    /** Returns once the row is committed; the caller may then acknowledge. */
    long store(UUID orgId, UUID channelId, String payload, String contentType) {
        return tx.inOrg(
                orgId,
                () -> db.insertInto(InboundEvents.T)
                        .set(InboundEvents.ORG_ID, orgId)
                        .set(InboundEvents.CHANNEL_ID, channelId)
                        .set(InboundEvents.PAYLOAD, payload)
                        .set(InboundEvents.CONTENT_TYPE, contentType)
                        .returning(InboundEvents.ID)
                        .fetchSingle(InboundEvents.ID));
    }
}
