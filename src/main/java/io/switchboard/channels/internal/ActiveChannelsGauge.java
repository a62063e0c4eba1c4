package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.Channels;

import io.switchboard.billing.Limit;
import io.switchboard.billing.QuotaGauge;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The plan's active channels: enabled channels of the organisation (disabled ones are free). */
@Component
class ActiveChannelsGauge implements QuotaGauge {

    private final DSLContext db;

    ActiveChannelsGauge(DSLContext db) {
        this.db = db;
    }

    @Override
    public Limit limit() {
        return Limit.ACTIVE_CHANNELS;
    }

    @Override
    public long current(UUID orgId) {
        return db.fetchCount(Channels.T, Channels.ORG_ID.eq(orgId), Channels.ENABLED.isTrue());
    }
}
