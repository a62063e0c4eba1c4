package io.switchboard.calls.internal;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;

import io.switchboard.calls.CallStatus;
import io.switchboard.calls.Calls.CallFilter;
import io.switchboard.calls.Transcript;
import io.switchboard.calls.internal.CallTables.Calls;
import io.switchboard.calls.internal.CallTables.Jobs;
import io.switchboard.calls.internal.CallTables.Turns;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes calls, their turns and their durable jobs (call inside a tenant-scoped transaction). */
@Component
class CallStore {

    static final String DISPATCH = "dispatch";
    static final String SIMULATE = "simulate";
    static final String POLL = "poll";
    static final String FINALIZE = "finalize";

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final DSLContext db;
    private final JsonMapper json;

    CallStore(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** False when the organisation already has a call with this idempotency key. */
    boolean insert(CallRow c) {
        return db.insertInto(Calls.T)
                        .set(Calls.ID, c.id())
                        .set(Calls.ORG_ID, c.orgId())
                        .set(Calls.CONTACT_ID, c.contactId())
                        .set(Calls.AGENT_ID, c.agentId())
                        .set(Calls.SALES_SCRIPT_ID, c.salesScriptId())
                        .set(Calls.PHONE_NUMBER, c.phoneNumber())
                        .set(Calls.STATUS, c.status().json())
                        .set(Calls.PROVIDER, c.provider())
                        .set(Calls.TASK, c.task())
                        .set(Calls.FIRST_SENTENCE, c.firstSentence())
                        .set(Calls.VOICE, c.voice())
                        .set(Calls.LANGUAGE, c.language())
                        .set(Calls.MAX_DURATION, c.maxDurationMinutes())
                        .set(Calls.REQUESTED_DURATION, c.requestedDurationMinutes())
                        .set(Calls.TRANSFER_NUMBER, c.transferNumber())
                        .set(Calls.RECORD, c.record())
                        .set(Calls.METADATA, jsonb(c.metadata()))
                        .set(Calls.SCHEDULED_AT, c.scheduledAt())
                        .set(Calls.RATE, c.ratePerMinuteMinor())
                        .set(Calls.HOLD_ID, c.holdId())
                        .set(Calls.HOLD_MINOR, c.holdMinor())
                        .set(Calls.CURRENCY, c.currency())
                        .set(Calls.IDEMPOTENCY_KEY, c.idempotencyKey())
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    Optional<CallRow> find(UUID orgId, UUID id) {
        return db.select(Calls.ALL)
                .from(Calls.T)
                .where(Calls.ORG_ID.eq(orgId).and(Calls.ID.eq(id)))
                .fetchOptional(this::map);
    }

    /** The row locked for this transaction: status changes of one call are serialised. */
    Optional<CallRow> lock(UUID orgId, UUID id) {
        return db.select(Calls.ALL)
                .from(Calls.T)
                .where(Calls.ORG_ID.eq(orgId).and(Calls.ID.eq(id)))
                .forUpdate()
                .fetchOptional(this::map);
    }

    Optional<CallRow> findByKey(UUID orgId, String idempotencyKey) {
        return db.select(Calls.ALL)
                .from(Calls.T)
                .where(Calls.ORG_ID.eq(orgId).and(Calls.IDEMPOTENCY_KEY.eq(idempotencyKey)))
                .fetchOptional(this::map);
    }

    Optional<UUID> findByProviderCallId(UUID orgId, String provider, String providerCallId) {
        return db.select(Calls.ID)
                .from(Calls.T)
                .where(Calls.ORG_ID
                        .eq(orgId)
                        .and(Calls.PROVIDER.eq(provider))
                        .and(Calls.PROVIDER_CALL_ID.eq(providerCallId)))
                .fetchOptional(Calls.ID);
    }

    PageResponse<CallRow> list(UUID orgId, CallFilter filter, PageQuery page) {
        var where = Calls.ORG_ID.eq(orgId);
        if (filter.status() != null)
            where = where.and(Calls.STATUS.eq(filter.status().json()));
        if (filter.contactId() != null) where = where.and(Calls.CONTACT_ID.eq(filter.contactId()));
        if (filter.phoneNumber() != null && !filter.phoneNumber().isBlank()) {
            where = where.and(Calls.PHONE_NUMBER.contains(filter.phoneNumber().strip()));
        }
        if (filter.from() != null) where = where.and(Calls.CREATED_AT.ge(filter.from()));
        if (filter.to() != null) where = where.and(Calls.CREATED_AT.lt(filter.to()));
        var query = db.select(Calls.ALL)
                .from(Calls.T)
                .where(where.and(noCondition()))
                .orderBy(Calls.CREATED_AT.desc(), Calls.ID.desc());
        return Pages.fetch(db, page, query, this::map);
    }

    /** Every call of the organisation in a period, oldest first (CSV export). */
    List<CallRow> all(UUID orgId, Instant from, Instant to, int limit) {
        return db.select(Calls.ALL)
                .from(Calls.T)
                .where(Calls.ORG_ID.eq(orgId).and(Calls.CREATED_AT.ge(from)).and(Calls.CREATED_AT.lt(to)))
                .orderBy(Calls.CREATED_AT, Calls.ID)
                .limit(limit)
                .fetch(this::map);
    }

    void update(UUID orgId, UUID id, Map<Field<?>, Object> changes) {
        var values = new LinkedHashMap<Field<?>, Object>(changes);
        values.put(Calls.UPDATED_AT, Instant.now());
        db.update(Calls.T)
                .set(values)
                .where(Calls.ORG_ID.eq(orgId).and(Calls.ID.eq(id)))
                .execute();
    }

    List<Transcript.Turn> turns(UUID orgId, UUID callId) {
        return db.select(Turns.IDX, Turns.SPEAKER, Turns.TEXT, Turns.AT_SECONDS)
                .from(Turns.T)
                .where(Turns.ORG_ID.eq(orgId).and(Turns.CALL_ID.eq(callId)))
                .orderBy(Turns.IDX)
                .fetch(r -> new Transcript.Turn(
                        r.get(Turns.IDX), r.get(Turns.SPEAKER), r.get(Turns.TEXT), r.get(Turns.AT_SECONDS)));
    }

    int turnCount(UUID orgId, UUID callId) {
        return db.fetchCount(Turns.T, Turns.ORG_ID.eq(orgId).and(Turns.CALL_ID.eq(callId)));
    }

    /** Stores turns by position; turns already stored (a repeated webhook or poll) stay as they are. */
    void putTurns(UUID orgId, UUID callId, List<VoiceProvider.TurnData> turns) {
        if (turns.isEmpty()) return;
        var insert = db.insertInto(
                Turns.T, Turns.CALL_ID, Turns.ORG_ID, Turns.IDX, Turns.SPEAKER, Turns.TEXT, Turns.AT_SECONDS);
        for (int i = 0; i < turns.size(); i++) {
            var t = turns.get(i);
            insert = insert.values(callId, orgId, i, t.speaker(), t.text(), t.atSeconds());
        }
        insert.onConflictDoNothing().execute();
    }

    /** Calls holding a line now: dialling (queued with a start), ringing or in progress. */
    long liveCount(UUID orgId) {
        return db.fetchCount(
                Calls.T,
                Calls.ORG_ID
                        .eq(orgId)
                        .and(Calls.STATUS
                                .in(CallStatus.RINGING.json(), CallStatus.IN_PROGRESS.json())
                                .or(Calls.STATUS.eq(CallStatus.QUEUED.json()).and(Calls.STARTED_AT.isNotNull()))));
    }

    // ---- durable jobs

    /** Schedules (or moves) the call's job of this kind. */
    void schedule(UUID orgId, UUID callId, String kind, int step, Instant dueAt) {
        db.insertInto(Jobs.T)
                .set(Jobs.ORG_ID, orgId)
                .set(Jobs.CALL_ID, callId)
                .set(Jobs.KIND, kind)
                .set(Jobs.STEP, step)
                .set(Jobs.DUE_AT, dueAt)
                .onConflict(Jobs.CALL_ID, Jobs.KIND)
                .doUpdate()
                .set(Jobs.STEP, step)
                .set(Jobs.DUE_AT, dueAt)
                .set(Jobs.ATTEMPTS, inline(0))
                .execute();
    }

    void deleteJob(UUID orgId, UUID callId, String kind) {
        db.deleteFrom(Jobs.T)
                .where(Jobs.ORG_ID.eq(orgId).and(Jobs.CALL_ID.eq(callId)).and(Jobs.KIND.eq(kind)))
                .execute();
    }

    Optional<Integer> jobStep(UUID orgId, UUID callId, String kind) {
        return db.select(Jobs.STEP)
                .from(Jobs.T)
                .where(Jobs.ORG_ID.eq(orgId).and(Jobs.CALL_ID.eq(callId)).and(Jobs.KIND.eq(kind)))
                .fetchOptional(Jobs.STEP);
    }

    record Job(long id, UUID orgId, UUID callId, String kind, int step, int attempts) {}

    /**
     * Claims due jobs (system scope): each is leased by moving its due time past {@code leaseUntil},
     * so another node skips it; a node that dies leaves the job due again when the lease ends.
     */
    List<Job> claimDue(int limit, Instant leaseUntil) {
        var ids = db.select(Jobs.ID)
                .from(Jobs.T)
                .where(Jobs.DUE_AT.le(Instant.now()))
                .orderBy(Jobs.DUE_AT)
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch(Jobs.ID);
        if (ids.isEmpty()) return List.of();
        return db.update(Jobs.T)
                .set(Jobs.DUE_AT, leaseUntil)
                .set(Jobs.ATTEMPTS, Jobs.ATTEMPTS.plus(1))
                .where(Jobs.ID.in(ids))
                .returning(Jobs.ID, Jobs.ORG_ID, Jobs.CALL_ID, Jobs.KIND, Jobs.STEP, Jobs.ATTEMPTS)
                .fetch(r -> new Job(
                        r.get(Jobs.ID),
                        r.get(Jobs.ORG_ID),
                        r.get(Jobs.CALL_ID),
                        r.get(Jobs.KIND),
                        r.get(Jobs.STEP),
                        r.get(Jobs.ATTEMPTS)));
    }

    /** Whether the job of this claim is still the one we leased (not rescheduled by someone else). */
    boolean stillLeased(Job job, Instant leaseUntil) {
        return db.fetchExists(Jobs.T, Jobs.ID.eq(job.id()).and(Jobs.DUE_AT.eq(leaseUntil)));
    }

    void failJob(long jobId, String error, Instant retryAt) {
        db.update(Jobs.T)
                .set(Jobs.LAST_ERROR, error.length() > 500 ? error.substring(0, 500) : error)
                .set(Jobs.DUE_AT, retryAt)
                .where(Jobs.ID.eq(jobId))
                .execute();
    }

    JSONB jsonb(Map<String, String> map) {
        return JSONB.valueOf(json.writeValueAsString(map));
    }

    Map<String, String> readMap(JSONB value) {
        return value == null ? Map.of() : json.readValue(value.data(), STRING_MAP);
    }

    private CallRow map(Record r) {
        return new CallRow(
                r.get(Calls.ID),
                r.get(Calls.ORG_ID),
                r.get(Calls.CONTACT_ID),
                r.get(Calls.AGENT_ID),
                r.get(Calls.SALES_SCRIPT_ID),
                r.get(Calls.PHONE_NUMBER),
                CallStatus.fromJson(r.get(Calls.STATUS)),
                r.get(Calls.PROVIDER),
                r.get(Calls.PROVIDER_CALL_ID),
                r.get(Calls.TASK),
                r.get(Calls.FIRST_SENTENCE),
                r.get(Calls.VOICE),
                r.get(Calls.LANGUAGE),
                r.get(Calls.MAX_DURATION),
                r.get(Calls.REQUESTED_DURATION),
                r.get(Calls.TRANSFER_NUMBER),
                r.get(Calls.RECORD),
                readMap(r.get(Calls.METADATA)),
                r.get(Calls.SCHEDULED_AT),
                r.get(Calls.STARTED_AT),
                r.get(Calls.ANSWERED_AT),
                r.get(Calls.ENDED_AT),
                r.get(Calls.DURATION_SECONDS),
                r.get(Calls.ANSWERED_BY),
                r.get(Calls.ENDED_REASON),
                r.get(Calls.RATE),
                r.get(Calls.HOLD_ID),
                r.get(Calls.HOLD_MINOR),
                r.get(Calls.COST_MINOR),
                r.get(Calls.CURRENCY),
                r.get(Calls.SUMMARY),
                r.get(Calls.OUTCOME),
                readMap(r.get(Calls.FIELDS)),
                r.get(Calls.RECORDING_KEY),
                r.get(Calls.PROVIDER_RECORDING_URL),
                r.get(Calls.FINALIZED_AT),
                r.get(Calls.IDEMPOTENCY_KEY),
                r.get(Calls.CREATED_AT),
                r.get(Calls.UPDATED_AT));
    }
}
