package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.BillingTables.Counters;
import static io.switchboard.billing.internal.BillingTables.LlmDaily;
import static io.switchboard.billing.internal.BillingTables.UsageEvents;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.billing.Limit;
import io.switchboard.billing.QuotaDecision;
import io.switchboard.billing.QuotaDecision.Allowed;
import io.switchboard.billing.QuotaDecision.QuotaExceeded;
import io.switchboard.billing.QuotaGauge;
import io.switchboard.billing.Quotas;
import io.switchboard.billing.internal.PlanCatalog.Plan;
import io.switchboard.billing.internal.SubscriptionService.Subscription;
import io.switchboard.billing.internal.SubscriptionService.Window;
import io.switchboard.llm.LlmUsageRecorded;
import io.switchboard.shared.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * Quotas of the organisation's plan. Metered limits count per window in {@code usage_counters}; the
 * counter row is locked while checking and adding, and each consumption is kept by idempotency key so
 * a retry counts once. Level limits ask the owning module's {@link QuotaGauge}.
 */
@Service
class QuotaService implements Quotas {

    private final DSLContext db;
    private final OrgTransactions tx;
    private final PlanCatalog plans;
    private final SubscriptionService subscriptions;
    private final Map<Limit, QuotaGauge> gauges = new EnumMap<>(Limit.class);

    QuotaService(
            DSLContext db,
            OrgTransactions tx,
            PlanCatalog plans,
            SubscriptionService subscriptions,
            ObjectProvider<QuotaGauge> gauges) {
        this.db = db;
        this.tx = tx;
        this.plans = plans;
        this.subscriptions = subscriptions;
        gauges.orderedStream().forEach(g -> this.gauges.putIfAbsent(g.limit(), g));
    }

    /** Where one limit stands now. */
    record Usage(
            Limit limit,

            @Schema(description = "consumed in the current window (metered) or the current level")
            long used,

            @Nullable @Schema(description = "null = unlimited")
            Long limitValue,

            @Nullable @Schema(description = "used / limit in percent, null when unlimited")
            Integer percent,

            @Nullable Instant resetsAt,

            @Schema(description = "counted per period (true) or a level reported by its module (false)")
            boolean metered,

            @Schema(description = "false when no module reports this level yet")
            boolean measured) {}

    record BillingLlmUsage(long calls, long inputTokens, long outputTokens, long costMicros) {}

    @Override
    public QuotaDecision check(UUID orgId, Limit limit, long amount) {
        return decide(orgId, limit, amount, null);
    }

    @Override
    public QuotaDecision consume(UUID orgId, Limit limit, long amount, String idempotencyKey) {
        if (idempotencyKey.isBlank()) throw ApiProblem.invalidField("idempotencyKey", "must not be blank");
        return decide(orgId, limit, amount, idempotencyKey);
    }

    private QuotaDecision decide(UUID orgId, Limit limit, long amount, @Nullable String key) {
        if (amount < 0) throw ApiProblem.invalidField("amount", "must not be negative");
        Subscription s = subscriptions.current(orgId);
        Plan plan = plans.get(s.planId());
        Instant now = Instant.now();
        Window w = subscriptions.window(s, plan, now);
        Long max = plan.limits().of(limit);
        if (!limit.metered()) {
            if (max == null) return new Allowed(limit, tx.inOrg(orgId, () -> gauge(orgId, limit)), null);
            return tx.inOrg(orgId, () -> {
                // held to the end of the caller's transaction: concurrent creations are counted in turn
                db.execute(
                        "select pg_advisory_xact_lock(hashtextextended({0}, 0))",
                        DSL.inline("quota:" + orgId + ":" + limit.name()));
                long level = gauge(orgId, limit);
                if (level + amount > max) return new QuotaExceeded(limit, level, max, null, plan.id());
                return new Allowed(limit, level, max);
            });
        }
        Instant start = windowStart(limit, w, now);
        Instant resets = resetsAt(limit, w, now);
        return tx.inOrg(orgId, () -> {
            if (key == null) {
                long used = counter(orgId, limit, start, false);
                if (!w.usable()) return new QuotaExceeded(limit, used, max == null ? 0 : max, null, plan.id());
                if (max != null && used + amount > max) return new QuotaExceeded(limit, used, max, resets, plan.id());
                return new Allowed(limit, used, max);
            }
            long used = counter(orgId, limit, start, true);
            boolean seen = db.fetchExists(db.selectOne()
                    .from(UsageEvents.T)
                    .where(
                            UsageEvents.ORG_ID.eq(orgId),
                            UsageEvents.LIMIT_KEY.eq(limit.name()),
                            UsageEvents.IDEMPOTENCY_KEY.eq(key)));
            if (seen) return new Allowed(limit, used, max);
            if (!w.usable()) return new QuotaExceeded(limit, used, max == null ? 0 : max, null, plan.id());
            if (max != null && used + amount > max) return new QuotaExceeded(limit, used, max, resets, plan.id());
            db.insertInto(UsageEvents.T)
                    .set(UsageEvents.ORG_ID, orgId)
                    .set(UsageEvents.LIMIT_KEY, limit.name())
                    .set(UsageEvents.IDEMPOTENCY_KEY, key)
                    .set(UsageEvents.AMOUNT, amount)
                    .set(UsageEvents.PERIOD_START, start)
                    .execute();
            db.update(Counters.T)
                    .set(Counters.USED, Counters.USED.plus(amount))
                    .where(
                            Counters.ORG_ID.eq(orgId),
                            Counters.LIMIT_KEY.eq(limit.name()),
                            Counters.PERIOD_START.eq(start))
                    .execute();
            return new Allowed(limit, used + amount, max);
        });
    }

    /** Each limit of the organisation's plan with what is used. */
    List<Usage> usage(UUID orgId) {
        Subscription s = subscriptions.current(orgId);
        Plan plan = plans.get(s.planId());
        Instant now = Instant.now();
        Window w = subscriptions.window(s, plan, now);
        var out = new ArrayList<Usage>();
        for (Limit limit : Limit.values()) {
            Long max = plan.limits().of(limit);
            long used;
            boolean measured = true;
            Instant resets = null;
            if (limit.metered()) {
                Instant start = windowStart(limit, w, now);
                used = tx.inOrg(orgId, () -> counter(orgId, limit, start, false));
                resets = resetsAt(limit, w, now);
            } else {
                measured = gauges.containsKey(limit);
                used = tx.inOrg(orgId, () -> gauge(orgId, limit));
            }
            Integer percent =
                    max == null ? null : max == 0 ? (used > 0 ? 100 : 0) : (int) Math.min(999, used * 100 / max);
            if (limit.metered() && !w.usable()) percent = 100;
            out.add(new Usage(limit, used, max, percent, resets, limit.metered(), measured));
        }
        return out;
    }

    BillingLlmUsage llmUsage(UUID orgId, Instant since) {
        LocalDate from = since.atZone(ZoneOffset.UTC).toLocalDate();
        return tx.inOrg(
                orgId,
                () -> db.select(
                                DSL.coalesce(DSL.sum(LlmDaily.CALLS), DSL.inline(java.math.BigDecimal.ZERO)),
                                DSL.coalesce(DSL.sum(LlmDaily.INPUT_TOKENS), DSL.inline(java.math.BigDecimal.ZERO)),
                                DSL.coalesce(DSL.sum(LlmDaily.OUTPUT_TOKENS), DSL.inline(java.math.BigDecimal.ZERO)),
                                DSL.coalesce(DSL.sum(LlmDaily.COST_MICROS), DSL.inline(java.math.BigDecimal.ZERO)))
                        .from(LlmDaily.T)
                        .where(LlmDaily.ORG_ID.eq(orgId), LlmDaily.DAY.ge(from))
                        .fetchOne(r -> new BillingLlmUsage(
                                r.value1().longValue(),
                                r.value2().longValue(),
                                r.value3().longValue(),
                                r.value4().longValue())));
    }

    /** LLM tokens and cost per day, for display (billing does not charge for them yet). */
    @ApplicationModuleListener
    void on(LlmUsageRecorded e) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        tx.inOrg(
                e.orgId(),
                () -> db.insertInto(LlmDaily.T)
                        .set(LlmDaily.ORG_ID, e.orgId())
                        .set(LlmDaily.DAY, day)
                        .set(LlmDaily.CALLS, 1L)
                        .set(LlmDaily.INPUT_TOKENS, (long) e.inputTokens())
                        .set(LlmDaily.OUTPUT_TOKENS, (long) e.outputTokens())
                        .set(LlmDaily.COST_MICROS, e.costMicros())
                        .onConflict(LlmDaily.ORG_ID, LlmDaily.DAY)
                        .doUpdate()
                        .set(LlmDaily.CALLS, LlmDaily.CALLS.plus(1))
                        .set(LlmDaily.INPUT_TOKENS, LlmDaily.INPUT_TOKENS.plus(e.inputTokens()))
                        .set(LlmDaily.OUTPUT_TOKENS, LlmDaily.OUTPUT_TOKENS.plus(e.outputTokens()))
                        .set(LlmDaily.COST_MICROS, LlmDaily.COST_MICROS.plus(e.costMicros()))
                        .execute());
    }

    private long gauge(UUID orgId, Limit limit) {
        QuotaGauge g = gauges.get(limit);
        return g == null ? 0 : g.current(orgId);
    }

    private static Instant windowStart(Limit limit, Window w, Instant now) {
        return limit == Limit.CALL_MINUTES_PER_DAY ? now.truncatedTo(ChronoUnit.DAYS) : w.start();
    }

    private static @Nullable Instant resetsAt(Limit limit, Window w, Instant now) {
        if (!w.usable()) return null;
        return limit == Limit.CALL_MINUTES_PER_DAY
                ? now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)
                : w.end();
    }

    /** The counter's value; with {@code lock} the row is created if needed and locked until commit. */
    private long counter(UUID orgId, Limit limit, Instant start, boolean lock) {
        if (lock) {
            db.insertInto(Counters.T)
                    .set(Counters.ORG_ID, orgId)
                    .set(Counters.LIMIT_KEY, limit.name())
                    .set(Counters.PERIOD_START, start)
                    .onConflictDoNothing()
                    .execute();
        }
        var select = db.select(Counters.USED)
                .from(Counters.T)
                .where(Counters.ORG_ID.eq(orgId), Counters.LIMIT_KEY.eq(limit.name()), Counters.PERIOD_START.eq(start));
        Long used = lock ? select.forUpdate().fetchOne(Counters.USED) : select.fetchOne(Counters.USED);
        return used == null ? 0 : used;
    }
}
