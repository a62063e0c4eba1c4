package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.ContactPlanTables.CPlans;
import static io.switchboard.billing.internal.ContactPlanTables.CSubs;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.shared.ApiProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The plans an organisation sells to its own contacts. Plain CRUD scoped to the organisation; a plan
 * that contacts are (or were) subscribed to is archived instead of deleted. At most one live plan is
 * the free allowance (the limits of contacts without a subscription).
 */
@Service
class ContactPlanCatalog {

    private final DSLContext db;
    private final OrgTransactions tx;

    ContactPlanCatalog(DSLContext db, OrgTransactions tx) {
        this.db = db;
        this.tx = tx;
    }

    @Schema(name = "ContactPlan", description = "A plan an organisation sells to its contacts; null limits = unlimited")
    record ContactPlan(
            UUID id,
            String name,
            String description,

            @Schema(description = "price per period in minor units (0 for the free allowance)")
            long priceMinor,

            String currency,

            @Nullable @Schema(description = "AI replies per period; null = unlimited")
            Long aiReplies,

            int periodDays,

            @Nullable @Schema(description = "days of conversation history kept for the contact; null = unlimited")
            Integer historyDays,

            @Nullable
            @Schema(description = "inbound messages per minute before the agent asks to slow down; null = no limit")
            Integer messagesPerMinute,

            @Schema(description = "the limits of contacts without a subscription (at most one plan)")
            boolean freeAllowance,

            @Nullable String stripePriceId,

            @Schema(description = "no longer offered; existing subscribers keep it")
            boolean archived,

            int sortOrder,
            Instant createdAt,
            Instant updatedAt) {

        boolean purchasable() {
            return !archived && !freeAllowance && priceMinor > 0;
        }

        /** "Pro: 1,000 replies per 30 days, USD 25.00" for chat messages. */
        String summary() {
            String replies =
                    aiReplies == null ? "unlimited replies" : String.format(Locale.ROOT, "%,d replies", aiReplies);
            return name + ": " + replies + " per " + periodDays + " days, " + price();
        }

        String price() {
            return priceMinor == 0
                    ? "free"
                    : String.format(Locale.ROOT, "%s %d.%02d", currency, priceMinor / 100, priceMinor % 100);
        }
    }

    @Schema(name = "ContactPlanInput")
    record ContactPlanInput(
            @NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 500) String description,
            @NotNull @PositiveOrZero @Max(100_000_000) Long priceMinor,

            @Nullable @Pattern(regexp = "[A-Za-z]{3}", message = "must be a 3-letter ISO 4217 code")
            String currency,

            @Nullable @PositiveOrZero @Schema(description = "AI replies per period; null = unlimited")
            Long aiReplies,

            @Nullable @Min(1) @Max(366) @Schema(description = "30 when omitted")
            Integer periodDays,

            @Nullable @Min(1) @Max(36500) @Schema(description = "null = unlimited")
            Integer historyDays,

            @Nullable @Min(1) @Max(600) @Schema(description = "null = no limit")
            Integer messagesPerMinute,

            @Nullable @Schema(description = "the limits of contacts without a subscription; false when omitted")
            Boolean freeAllowance,

            @Nullable
            @Size(max = 100)
            @Pattern(regexp = "price_[A-Za-z0-9]+", message = "must be a Stripe price id (price_...)")
            String stripePriceId,

            @Nullable Integer sortOrder) {}

    List<ContactPlan> all(UUID orgId, boolean includeArchived) {
        return tx.inOrg(
                orgId,
                () -> db.select(CPlans.ALL)
                        .from(CPlans.T)
                        .where(CPlans.ORG_ID.eq(orgId))
                        .and(includeArchived ? org.jooq.impl.DSL.noCondition() : CPlans.ARCHIVED.isFalse())
                        .orderBy(CPlans.SORT_ORDER, CPlans.PRICE, CPlans.NAME)
                        .fetch(ContactPlanCatalog::toPlan));
    }

    Optional<ContactPlan> find(UUID orgId, UUID planId) {
        return tx.inOrg(
                orgId,
                () -> db.select(CPlans.ALL)
                        .from(CPlans.T)
                        .where(CPlans.ORG_ID.eq(orgId), CPlans.ID.eq(planId))
                        .fetchOptional(ContactPlanCatalog::toPlan));
    }

    ContactPlan get(UUID orgId, UUID planId) {
        return find(orgId, planId).orElseThrow(() -> ApiProblem.notFound("Contact plan " + planId));
    }

    Optional<ContactPlan> freeAllowance(UUID orgId) {
        return tx.inOrg(
                orgId,
                () -> db.select(CPlans.ALL)
                        .from(CPlans.T)
                        .where(CPlans.ORG_ID.eq(orgId), CPlans.FREE.isTrue(), CPlans.ARCHIVED.isFalse())
                        .fetchOptional(ContactPlanCatalog::toPlan));
    }

    Optional<ContactPlan> byStripePrice(UUID orgId, String priceId) {
        return tx.inOrg(
                orgId,
                () -> db.select(CPlans.ALL)
                        .from(CPlans.T)
                        .where(CPlans.ORG_ID.eq(orgId), CPlans.STRIPE_PRICE_ID.eq(priceId))
                        .limit(1)
                        .fetchOptional(ContactPlanCatalog::toPlan));
    }

    /** Whether the organisation uses contact plans at all (one live plan is enough). */
    boolean inUse(UUID orgId) {
        return tx.inOrg(
                orgId,
                () -> db.fetchExists(
                        db.selectOne().from(CPlans.T).where(CPlans.ORG_ID.eq(orgId), CPlans.ARCHIVED.isFalse())));
    }

    ContactPlan create(UUID orgId, ContactPlanInput in) {
        validate(in);
        UUID id = UUID.randomUUID();
        return tx.inOrg(orgId, () -> {
            if (Boolean.TRUE.equals(in.freeAllowance())) clearFreeAllowance(orgId, id);
            db.insertInto(CPlans.T)
                    .set(CPlans.ID, id)
                    .set(CPlans.ORG_ID, orgId)
                    .set(values(in))
                    .execute();
            return get(orgId, id);
        });
    }

    ContactPlan update(UUID orgId, UUID planId, ContactPlanInput in) {
        validate(in);
        return tx.inOrg(orgId, () -> {
            ContactPlan before = get(orgId, planId);
            if (before.archived()) throw ApiProblem.conflict("contact-plan-archived", "The plan is archived");
            if (Boolean.TRUE.equals(in.freeAllowance())) clearFreeAllowance(orgId, planId);
            db.update(CPlans.T)
                    .set(values(in))
                    .set(CPlans.UPDATED_AT, Instant.now())
                    .where(CPlans.ORG_ID.eq(orgId), CPlans.ID.eq(planId))
                    .execute();
            return get(orgId, planId);
        });
    }

    /** Deletes an unused plan; a plan with subscriptions (even cancelled ones) is archived. Answers true if archived. */
    boolean delete(UUID orgId, UUID planId) {
        return tx.inOrg(orgId, () -> {
            get(orgId, planId);
            boolean referenced = db.fetchExists(
                    db.selectOne().from(CSubs.T).where(CSubs.ORG_ID.eq(orgId), CSubs.PLAN_ID.eq(planId)));
            if (referenced) {
                db.update(CPlans.T)
                        .set(CPlans.ARCHIVED, true)
                        .set(CPlans.FREE, false)
                        .set(CPlans.UPDATED_AT, Instant.now())
                        .where(CPlans.ORG_ID.eq(orgId), CPlans.ID.eq(planId))
                        .execute();
                return true;
            }
            db.deleteFrom(CPlans.T)
                    .where(CPlans.ORG_ID.eq(orgId), CPlans.ID.eq(planId))
                    .execute();
            return false;
        });
    }

    /** Free allowance 10 replies / 7 days, Basic 100 / 30 days, Pro 1,000 / 90 days, Enterprise unlimited. */
    List<ContactPlan> createStandardPlans(UUID orgId, String currency) {
        return tx.inOrg(orgId, () -> {
            if (inUse(orgId)) {
                throw ApiProblem.conflict(
                        "contact-plans-exist", "The organisation already has contact plans; edit them instead");
            }
            create(
                    orgId,
                    new ContactPlanInput("Free", "Try the assistant", 0L, currency, 10L, 30, 7, 5, true, null, 0));
            create(
                    orgId,
                    new ContactPlanInput(
                            "Basic",
                            "100 questions per month, 30 days of history",
                            1000L,
                            currency,
                            100L,
                            30,
                            30,
                            10,
                            false,
                            null,
                            1));
            create(
                    orgId,
                    new ContactPlanInput(
                            "Pro",
                            "1,000 questions per month, 90 days of history",
                            2500L,
                            currency,
                            1000L,
                            30,
                            90,
                            20,
                            false,
                            null,
                            2));
            create(
                    orgId,
                    new ContactPlanInput(
                            "Enterprise",
                            "Unlimited questions and history",
                            9900L,
                            currency,
                            null,
                            30,
                            null,
                            60,
                            false,
                            null,
                            3));
            return all(orgId, false);
        });
    }

    /** The organisation's own Stripe account (Connect), or null: the platform's account is used. */
    @Nullable
    String stripeAccount(UUID orgId) {
        return tx.inOrg(
                orgId,
                () -> db.select(ContactPlanTables.CSettings.STRIPE_ACCOUNT_ID)
                        .from(ContactPlanTables.CSettings.T)
                        .where(ContactPlanTables.CSettings.ORG_ID.eq(orgId))
                        .fetchOptional(ContactPlanTables.CSettings.STRIPE_ACCOUNT_ID)
                        .orElse(null));
    }

    void setStripeAccount(UUID orgId, @Nullable String accountId) {
        String value = accountId == null || accountId.isBlank() ? null : accountId.strip();
        if (value != null && !value.matches("acct_[A-Za-z0-9]+")) {
            throw ApiProblem.invalidField("stripeAccountId", "must be a Stripe account id (acct_...)");
        }
        tx.inOrg(
                orgId,
                () -> db.insertInto(ContactPlanTables.CSettings.T)
                        .set(ContactPlanTables.CSettings.ORG_ID, orgId)
                        .set(ContactPlanTables.CSettings.STRIPE_ACCOUNT_ID, value)
                        .onConflict(ContactPlanTables.CSettings.ORG_ID)
                        .doUpdate()
                        .set(ContactPlanTables.CSettings.STRIPE_ACCOUNT_ID, value)
                        .set(ContactPlanTables.CSettings.UPDATED_AT, Instant.now())
                        .execute());
    }

    private static void validate(ContactPlanInput in) {
        if (Boolean.TRUE.equals(in.freeAllowance()) && in.priceMinor() != 0) {
            throw ApiProblem.invalidField("priceMinor", "the free allowance must cost 0");
        }
        if (in.name().isBlank()) throw ApiProblem.invalidField("name", "must not be blank");
    }

    private void clearFreeAllowance(UUID orgId, UUID except) {
        db.update(CPlans.T)
                .set(CPlans.FREE, false)
                .where(CPlans.ORG_ID.eq(orgId), CPlans.FREE.isTrue(), CPlans.ID.ne(except))
                .execute();
    }

    private static java.util.Map<org.jooq.Field<?>, Object> values(ContactPlanInput in) {
        var values = new java.util.HashMap<org.jooq.Field<?>, Object>();
        values.put(CPlans.NAME, in.name().strip());
        values.put(
                CPlans.DESCRIPTION,
                in.description() == null ? "" : in.description().strip());
        values.put(CPlans.PRICE, in.priceMinor());
        values.put(
                CPlans.CURRENCY, in.currency() == null ? "USD" : in.currency().toUpperCase(Locale.ROOT));
        values.put(CPlans.AI_REPLIES, in.aiReplies());
        values.put(CPlans.PERIOD_DAYS, in.periodDays() == null ? 30 : in.periodDays());
        values.put(CPlans.HISTORY_DAYS, in.historyDays());
        values.put(CPlans.MESSAGES_PER_MINUTE, in.messagesPerMinute());
        values.put(CPlans.FREE, Boolean.TRUE.equals(in.freeAllowance()));
        values.put(
                CPlans.STRIPE_PRICE_ID,
                in.stripePriceId() == null || in.stripePriceId().isBlank() ? null : in.stripePriceId());
        values.put(CPlans.SORT_ORDER, in.sortOrder() == null ? 0 : in.sortOrder());
        return values;
    }

    static ContactPlan toPlan(Record r) {
        return new ContactPlan(
                r.get(CPlans.ID),
                r.get(CPlans.NAME),
                r.get(CPlans.DESCRIPTION),
                r.get(CPlans.PRICE),
                r.get(CPlans.CURRENCY),
                r.get(CPlans.AI_REPLIES),
                r.get(CPlans.PERIOD_DAYS),
                r.get(CPlans.HISTORY_DAYS),
                r.get(CPlans.MESSAGES_PER_MINUTE),
                r.get(CPlans.FREE),
                r.get(CPlans.STRIPE_PRICE_ID),
                r.get(CPlans.ARCHIVED),
                r.get(CPlans.SORT_ORDER),
                r.get(CPlans.CREATED_AT),
                r.get(CPlans.UPDATED_AT));
    }
}
