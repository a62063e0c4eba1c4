package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.BillingTables.Plans;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.billing.Limit;
import io.switchboard.shared.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Plans are rows: super admins add and change them; the seeded ones are Trial, Basic, Pro, Enterprise. */
@Service
class PlanCatalog {

    static final String TRIAL = "trial";
    static final String ENTERPRISE = "enterprise";

    private final DSLContext db;

    PlanCatalog(DSLContext db) {
        this.db = db;
    }

    @Schema(description = "Limits of a plan; null means unlimited")
    record PlanLimits(
            @Nullable @Schema(description = "AI replies per plan period")
            Long aiReplies,

            @Nullable Long activeChannels,
            @Nullable Long agents,
            @Nullable Long knowledgeBaseBytes,
            @Nullable Long seats,
            @Nullable Long concurrentCalls,
            @Nullable Long callMinutesPerDay) {

        @Nullable
        Long of(Limit limit) {
            return switch (limit) {
                case AI_REPLIES -> aiReplies;
                case ACTIVE_CHANNELS -> activeChannels;
                case AGENTS -> agents;
                case KNOWLEDGE_BASE_BYTES -> knowledgeBaseBytes;
                case SEATS -> seats;
                case CONCURRENT_CALLS -> concurrentCalls;
                case CALL_MINUTES_PER_DAY -> callMinutesPerDay;
            };
        }
    }

    record Plan(
            String id,
            String name,
            String description,

            @Nullable @Schema(description = "price per period in minor units; null = custom price")
            Long priceMinor,

            String currency,
            int periodDays,

            @Schema(description = "a free trial: ends after periodDays and does not renew")
            boolean trial,

            @Nullable @Schema(description = "days of conversation history kept; null = unlimited")
            Integer historyDays,

            PlanLimits limits,
            @Nullable String stripePriceId,

            @Schema(description = "offered on the billing page")
            boolean isPublic,

            int sortOrder) {}

    /** Fields a super admin may set; null leaves a field unchanged on update (use clear* to null it). */
    record PlanChanges(
            @Nullable String name,
            @Nullable String description,
            @Nullable Long priceMinor,
            @Nullable String currency,
            @Nullable Integer periodDays,
            @Nullable Boolean trial,
            @Nullable Integer historyDays,
            @Nullable PlanLimits limits,
            @Nullable String stripePriceId,
            @Nullable Boolean isPublic,
            @Nullable Integer sortOrder) {}

    List<Plan> all() {
        return (db.select(Plans.ALL)
                .from(Plans.T)
                .orderBy(Plans.SORT_ORDER, Plans.ID)
                .fetch(PlanCatalog::toPlan));
    }

    Optional<Plan> find(String id) {
        return (db.select(Plans.ALL).from(Plans.T).where(Plans.ID.eq(id)).fetchOptional(PlanCatalog::toPlan));
    }

    Plan get(String id) {
        return find(id).orElseThrow(() -> ApiProblem.notFound("Plan " + id));
    }

    Optional<Plan> byStripePrice(String priceId) {
        return (db.select(Plans.ALL)
                .from(Plans.T)
                .where(Plans.STRIPE_PRICE_ID.eq(priceId))
                .fetchOptional(PlanCatalog::toPlan));
    }

    Plan create(String id, PlanChanges c) {
        if (!id.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            throw ApiProblem.invalidField("id", "use 1-40 lower-case letters, digits, - or _");
        }
        if (c.name() == null || c.name().isBlank()) throw ApiProblem.invalidField("name", "must not be blank");
        try {
            var insert = db.insertInto(Plans.T)
                    .set(Plans.ID, id)
                    .set(Plans.NAME, c.name().strip());
            apply(c, insert);
            insert.execute();
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("plan-exists", "A plan with id " + id + " exists");
        }
        return get(id);
    }

    Plan update(String id, PlanChanges c) {
        get(id);
        var update = db.update(Plans.T).set(Plans.UPDATED_AT, Instant.now());
        if (c.name() != null) {
            if (c.name().isBlank()) throw ApiProblem.invalidField("name", "must not be blank");
            update = update.set(Plans.NAME, c.name().strip());
        }
        apply(c, update);
        update.where(Plans.ID.eq(id)).execute();
        return get(id);
    }

    /** Works for both INSERT ... SET and UPDATE ... SET (both are jOOQ "set" steps over a map). */
    private static void apply(PlanChanges c, Object step) {
        var values = new java.util.LinkedHashMap<Field<?>, @Nullable Object>();
        if (c.description() != null) values.put(Plans.DESCRIPTION, c.description());
        if (c.priceMinor() != null) values.put(Plans.PRICE, c.priceMinor() < 0 ? null : c.priceMinor());
        if (c.currency() != null) values.put(Plans.CURRENCY, c.currency().toUpperCase(java.util.Locale.ROOT));
        if (c.periodDays() != null) values.put(Plans.PERIOD_DAYS, c.periodDays());
        if (c.trial() != null) values.put(Plans.TRIAL, c.trial());
        if (c.historyDays() != null) values.put(Plans.HISTORY_DAYS, c.historyDays() <= 0 ? null : c.historyDays());
        if (c.limits() != null) {
            var l = c.limits();
            values.put(Plans.AI_REPLIES, l.aiReplies());
            values.put(Plans.ACTIVE_CHANNELS, l.activeChannels());
            values.put(Plans.AGENTS, l.agents());
            values.put(Plans.KNOWLEDGE_BASE_BYTES, l.knowledgeBaseBytes());
            values.put(Plans.SEATS, l.seats());
            values.put(Plans.CONCURRENT_CALLS, l.concurrentCalls());
            values.put(Plans.CALL_MINUTES_PER_DAY, l.callMinutesPerDay());
        }
        if (c.stripePriceId() != null)
            values.put(Plans.STRIPE_PRICE_ID, c.stripePriceId().isBlank() ? null : c.stripePriceId());
        if (c.isPublic() != null) values.put(Plans.PUBLIC, c.isPublic());
        if (c.sortOrder() != null) values.put(Plans.SORT_ORDER, c.sortOrder());
        if (values.isEmpty()) return;
        switch (step) {
            case org.jooq.InsertSetMoreStep<?> insert -> insert.set(values);
            case org.jooq.InsertSetStep<?> insert -> insert.set(values);
            case org.jooq.UpdateSetMoreStep<?> update -> update.set(values);
            default -> throw new IllegalArgumentException(step.getClass().getName());
        }
    }

    static Plan toPlan(Record r) {
        return new Plan(
                r.get(Plans.ID),
                r.get(Plans.NAME),
                r.get(Plans.DESCRIPTION),
                r.get(Plans.PRICE),
                r.get(Plans.CURRENCY),
                r.get(Plans.PERIOD_DAYS),
                r.get(Plans.TRIAL),
                r.get(Plans.HISTORY_DAYS),
                new PlanLimits(
                        r.get(Plans.AI_REPLIES),
                        r.get(Plans.ACTIVE_CHANNELS),
                        r.get(Plans.AGENTS),
                        r.get(Plans.KNOWLEDGE_BASE_BYTES),
                        r.get(Plans.SEATS),
                        r.get(Plans.CONCURRENT_CALLS),
                        r.get(Plans.CALL_MINUTES_PER_DAY)),
                r.get(Plans.STRIPE_PRICE_ID),
                r.get(Plans.PUBLIC),
                r.get(Plans.SORT_ORDER));
    }
}
