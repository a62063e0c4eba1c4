package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.AuditEvents;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.internal.IdentityApi.AuditEvent;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Writes and reads the append-only audit log. IP and user agent come from the current request. */
@Service
class AuditService implements AuditLog {

    private final DSLContext db;
    private final JsonMapper json;

    AuditService(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    @Override
    public void record(String action, @Nullable String targetType, @Nullable String targetId, Map<String, ?> details) {
        CurrentPrincipal principal = CurrentPrincipal.get();
        var actor = principal.method() == CurrentPrincipal.AuthMethod.API_KEY
                ? new Actor("api_key", principal.apiKeyId(), principal.label())
                : new Actor("user", principal.userId(), principal.label());
        recordAs(principal.orgId(), actor, action, targetType, targetId, details);
    }

    @Override
    public void recordAs(
            @Nullable UUID orgId,
            Actor actor,
            String action,
            @Nullable String targetType,
            @Nullable String targetId,
            Map<String, ?> details) {
        var request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
        db.insertInto(AuditEvents.T)
                .set(AuditEvents.ORG_ID, orgId)
                .set(AuditEvents.ACTION, action)
                .set(AuditEvents.ACTOR_TYPE, actor.type())
                .set(AuditEvents.ACTOR_ID, actor.id())
                .set(AuditEvents.ACTOR_LABEL, actor.label())
                .set(AuditEvents.TARGET_TYPE, targetType)
                .set(AuditEvents.TARGET_ID, targetId)
                .set(AuditEvents.IP, request == null ? null : request.getRemoteAddr())
                .set(AuditEvents.USER_AGENT, request == null ? null : truncate(request.getHeader("User-Agent")))
                .set(AuditEvents.DETAILS, JSONB.valueOf(json.writeValueAsString(details)))
                .execute();
    }

    PageResponse<AuditEvent> list(
            PageQuery page,
            @Nullable String action,
            @Nullable UUID actorId,
            @Nullable Instant from,
            @Nullable Instant to) {
        UUID orgId = CurrentPrincipal.get().orgId();
        var conditions = new ArrayList<Condition>();
        conditions.add(AuditEvents.ORG_ID.eq(orgId));
        if (action != null && !action.isBlank()) {
            conditions.add(AuditEvents.ACTION.startsWith(action.trim()));
        }
        if (actorId != null) {
            conditions.add(AuditEvents.ACTOR_ID.eq(actorId));
        }
        if (from != null) {
            conditions.add(AuditEvents.OCCURRED_AT.ge(from));
        }
        if (to != null) {
            conditions.add(AuditEvents.OCCURRED_AT.lt(to));
        }
        return Pages.fetch(
                db,
                page,
                db.select(AuditEvents.ALL)
                        .from(AuditEvents.T)
                        .where(conditions)
                        .orderBy(AuditEvents.OCCURRED_AT.desc(), AuditEvents.ID.desc()),
                r -> new AuditEvent(
                        r.get(AuditEvents.ID),
                        r.get(AuditEvents.ACTION),
                        r.get(AuditEvents.ACTOR_TYPE),
                        r.get(AuditEvents.ACTOR_ID),
                        r.get(AuditEvents.ACTOR_LABEL),
                        r.get(AuditEvents.TARGET_TYPE),
                        r.get(AuditEvents.TARGET_ID),
                        r.get(AuditEvents.IP),
                        r.get(AuditEvents.USER_AGENT),
                        json.readValue(r.get(AuditEvents.DETAILS).data(), new TypeReference<Map<String, Object>>() {}),
                        r.get(AuditEvents.OCCURRED_AT)));
    }

    @Override
    public java.util.List<Entry> about(UUID orgId, String targetType, String targetId) {
        return db.select(AuditEvents.ALL)
                .from(AuditEvents.T)
                .where(
                        AuditEvents.ORG_ID.eq(orgId),
                        AuditEvents.TARGET_TYPE.eq(targetType),
                        AuditEvents.TARGET_ID.eq(targetId))
                .orderBy(AuditEvents.OCCURRED_AT, AuditEvents.ID)
                .fetch(r -> new Entry(
                        r.get(AuditEvents.ID),
                        r.get(AuditEvents.ACTION),
                        r.get(AuditEvents.ACTOR_TYPE),
                        json.readValue(r.get(AuditEvents.DETAILS).data(), new TypeReference<Map<String, Object>>() {}),
                        r.get(AuditEvents.OCCURRED_AT)));
    }

    private static @Nullable String truncate(@Nullable String value) {
        return value == null || value.length() <= 512 ? value : value.substring(0, 512);
    }
}
