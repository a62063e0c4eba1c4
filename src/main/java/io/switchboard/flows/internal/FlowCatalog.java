package io.switchboard.flows.internal;

import static io.switchboard.flows.internal.FlowTables.Flows;
import static io.switchboard.flows.internal.FlowTables.Versions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Published flow documents, parsed once (versions are immutable, so the cache never goes stale), and
 * each organisation's active flows for trigger matching (cached briefly, dropped on publish).
 */
@Component
class FlowCatalog {

    record Key(UUID orgId, UUID flowId, int version) {}

    record ActiveFlow(UUID flowId, String name, int version, FlowDocument document) {}

    private final DSLContext db;
    private final JsonMapper json;
    private final Cache<Key, Optional<FlowDocument>> documents =
            Caffeine.newBuilder().maximumSize(5_000).build();
    private final Cache<UUID, List<ActiveFlow>> active = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    FlowCatalog(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Must run inside the organisation's transaction (RLS). */
    Optional<FlowDocument> document(UUID orgId, UUID flowId, int version) {
        return documents.get(
                new Key(orgId, flowId, version),
                k -> db.select(Versions.DOCUMENT)
                        .from(Versions.T)
                        .where(Versions.ORG_ID.eq(orgId), Versions.FLOW_ID.eq(flowId), Versions.VERSION.eq(version))
                        .fetchOptional(
                                r -> FlowDocument.parse(json.readTree(r.value1().data()))));
    }

    List<ActiveFlow> active(UUID orgId) {
        return active.get(
                orgId,
                k -> db
                        .select(Flows.ID, Flows.NAME, Flows.ACTIVE_VERSION)
                        .from(Flows.T)
                        .where(Flows.ORG_ID.eq(orgId), Flows.ACTIVE_VERSION.isNotNull())
                        .orderBy(Flows.CREATED_AT, Flows.ID)
                        .fetch()
                        .stream()
                        .flatMap(r -> document(orgId, r.value1(), r.value3())
                                .map(d -> new ActiveFlow(r.value1(), r.value2(), r.value3(), d))
                                .stream())
                        .toList());
    }

    Optional<Integer> activeVersion(UUID orgId, UUID flowId) {
        return db.select(Flows.ACTIVE_VERSION)
                .from(Flows.T)
                .where(Flows.ORG_ID.eq(orgId), Flows.ID.eq(flowId))
                .fetchOptional(r -> r.value1());
    }

    void invalidate(UUID orgId) {
        active.invalidate(orgId);
    }
}
