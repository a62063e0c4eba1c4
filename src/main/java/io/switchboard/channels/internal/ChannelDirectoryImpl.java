package io.switchboard.channels.internal;

import static io.switchboard.channels.internal.ChannelTables.Channels;

import io.switchboard.channels.ChannelDirectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

@Component
class ChannelDirectoryImpl implements ChannelDirectory {

    private final DSLContext db;

    ChannelDirectoryImpl(DSLContext db) {
        this.db = db;
    }

    @Override
    public Optional<UUID> agentOf(UUID orgId, UUID channelId) {
        return db.select(Channels.AGENT_ID)
                .from(Channels.T)
                .where(Channels.ORG_ID.eq(orgId), Channels.ID.eq(channelId), Channels.AGENT_ID.isNotNull())
                .fetchOptional(Channels.AGENT_ID);
    }

    @Override
    public Optional<ChannelInfo> find(UUID orgId, UUID channelId) {
        return db.select(Channels.ID, Channels.TYPE, Channels.NAME, Channels.AGENT_ID, Channels.ENABLED)
                .from(Channels.T)
                .where(Channels.ORG_ID.eq(orgId), Channels.ID.eq(channelId))
                .fetchOptional(ChannelDirectoryImpl::info);
    }

    @Override
    public List<ChannelInfo> withAgent(UUID orgId, UUID agentId) {
        return db.select(Channels.ID, Channels.TYPE, Channels.NAME, Channels.AGENT_ID, Channels.ENABLED)
                .from(Channels.T)
                .where(Channels.ORG_ID.eq(orgId), Channels.AGENT_ID.eq(agentId))
                .orderBy(Channels.CREATED_AT)
                .fetch(ChannelDirectoryImpl::info);
    }

    @Override
    public void detachAgent(UUID orgId, UUID agentId) {
        db.update(Channels.T)
                .set(Channels.AGENT_ID, (UUID) null)
                .set(Channels.UPDATED_AT, java.time.Instant.now())
                .where(Channels.ORG_ID.eq(orgId), Channels.AGENT_ID.eq(agentId))
                .execute();
    }

    private static ChannelInfo info(Record r) {
        return new ChannelInfo(
                r.get(Channels.ID),
                r.get(Channels.TYPE),
                r.get(Channels.NAME),
                r.get(Channels.AGENT_ID),
                r.get(Channels.ENABLED));
    }
}
