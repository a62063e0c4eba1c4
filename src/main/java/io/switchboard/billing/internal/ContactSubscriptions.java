package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.ContactPlanTables.CCounters;
import static io.switchboard.billing.internal.ContactPlanTables.CSubs;
import static io.switchboard.billing.internal.ContactPlanTables.CUsageEvents;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.billing.internal.ContactPlanCatalog.ContactPlan;
import io.switchboard.shared.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Which contact plan a contact is on, the contact's usage window and AI-reply counter. A contact
 * without a live subscription has the free allowance (if the organisation defined one). The counter
 * row is locked while checking and adding; one row per counted message makes a retry count once.
 */
@Service
class ContactSubscriptions {

    private final DSLContext db;
    private final OrgTransactions tx;
    private final ContactPlanCatalog plans;

    ContactSubscriptions(DSLContext db, OrgTransactions tx, ContactPlanCatalog plans) {
        this.db = db;
        this.tx = tx;
        this.plans = plans;
    }

    @Schema(name = "ContactSubscription")
    record Subscription(
            UUID contactId,
            UUID planId,

            @Schema(description = "active, past_due or cancelled")
            String status,

            Instant periodStart,
            Instant periodEnd,
            boolean cancelAtPeriodEnd,

            @Schema(description = "manual (assigned by an admin) or stripe")
            String source,

            @Nullable String stripeAccountId,
            @Nullable String stripeCustomerId,
            @Nullable String stripeSubscriptionId,
            Instant updatedAt) {

        boolean live() {
            return !"cancelled".equals(status);
        }
    }

    /**
     * The plan that applies to the contact now (their subscription's, else the free allowance, else
     * none: not limited) and the usage window it counts in.
     */
    record Effective(
            @Nullable ContactPlan plan, @Nullable Subscription subscription, Instant windowStart, Instant windowEnd) {}

    Optional<Subscription> find(UUID orgId, UUID contactId) {
        return tx.inOrg(
                orgId,
                () -> db.select(CSubs.ALL)
                        .from(CSubs.T)
                        .where(CSubs.ORG_ID.eq(orgId), CSubs.CONTACT_ID.eq(contactId))
                        .fetchOptional(ContactSubscriptions::toSubscription));
    }

    Effective effective(UUID orgId, UUID contactId, Instant now) {
        Subscription s = find(orgId, contactId).filter(Subscription::live).orElse(null);
        if (s != null) {
            ContactPlan plan = plans.get(orgId, s.planId());
            Duration period = Duration.ofDays(plan.periodDays());
            Instant start = s.periodStart();
            Instant end = s.periodEnd().isAfter(start) ? s.periodEnd() : start.plus(period);
            // a late renewal must not freeze the counter: roll forward in whole periods
            while (!now.isBefore(end)) {
                start = end;
                end = end.plus(period);
            }
            return new Effective(plan, s, start, end);
        }
        ContactPlan free = plans.freeAllowance(orgId).orElse(null);
        if (free == null) return new Effective(null, null, now, now);
        // the free allowance counts in fixed windows of its period (from the epoch): no state to keep
        long periodSeconds = Duration.ofDays(free.periodDays()).toSeconds();
        long start = Math.floorDiv(now.getEpochSecond(), periodSeconds) * periodSeconds;
        return new Effective(free, null, Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + periodSeconds));
    }

    long used(UUID orgId, UUID contactId, Instant windowStart) {
        return tx.inOrg(orgId, () -> {
            Long used = db.select(CCounters.USED)
                    .from(CCounters.T)
                    .where(
                            CCounters.ORG_ID.eq(orgId),
                            CCounters.CONTACT_ID.eq(contactId),
                            CCounters.PERIOD_START.eq(windowStart))
                    .fetchOne(CCounters.USED);
            return used == null ? 0L : used;
        });
    }

    /** Answers how many replies are used after counting this message, or -1 when the plan's limit is reached. */
    long consume(UUID orgId, UUID contactId, UUID messageId, Effective e) {
        ContactPlan plan = e.plan();
        if (plan == null) return 0;
        return tx.inOrg(orgId, () -> {
            db.insertInto(CCounters.T)
                    .set(CCounters.ORG_ID, orgId)
                    .set(CCounters.CONTACT_ID, contactId)
                    .set(CCounters.PERIOD_START, e.windowStart())
                    .onConflictDoNothing()
                    .execute();
            long used = db.select(CCounters.USED)
                    .from(CCounters.T)
                    .where(
                            CCounters.ORG_ID.eq(orgId),
                            CCounters.CONTACT_ID.eq(contactId),
                            CCounters.PERIOD_START.eq(e.windowStart()))
                    .forUpdate()
                    .fetchSingle(CCounters.USED);
            boolean seen = db.fetchExists(db.selectOne()
                    .from(CUsageEvents.T)
                    .where(CUsageEvents.ORG_ID.eq(orgId), CUsageEvents.MESSAGE_ID.eq(messageId)));
            if (seen) return used;
            if (plan.aiReplies() != null && used + 1 > plan.aiReplies()) return -1L;
            db.insertInto(CUsageEvents.T)
                    .set(CUsageEvents.ORG_ID, orgId)
                    .set(CUsageEvents.CONTACT_ID, contactId)
                    .set(CUsageEvents.MESSAGE_ID, messageId)
                    .set(CUsageEvents.PERIOD_START, e.windowStart())
                    .execute();
            db.update(CCounters.T)
                    .set(CCounters.USED, CCounters.USED.plus(1))
                    .where(
                            CCounters.ORG_ID.eq(orgId),
                            CCounters.CONTACT_ID.eq(contactId),
                            CCounters.PERIOD_START.eq(e.windowStart()))
                    .execute();
            return used + 1;
        });
    }

    /** An admin puts the contact on a plan from now (manual mode, or a custom deal). */
    Subscription assign(UUID orgId, UUID contactId, UUID planId) {
        ContactPlan plan = plans.get(orgId, planId);
        if (plan.archived()) throw ApiProblem.invalidField("planId", "the plan is archived");
        if (plan.freeAllowance()) {
            throw ApiProblem.invalidField(
                    "planId", "the free allowance applies without a subscription: cancel instead");
        }
        Instant now = Instant.now();
        return tx.inOrg(orgId, () -> {
            db.insertInto(CSubs.T)
                    .set(CSubs.ORG_ID, orgId)
                    .set(CSubs.CONTACT_ID, contactId)
                    .set(CSubs.PLAN_ID, planId)
                    .set(CSubs.STATUS, "active")
                    .set(CSubs.PERIOD_START, now)
                    .set(CSubs.PERIOD_END, now.plus(Duration.ofDays(plan.periodDays())))
                    .set(CSubs.SOURCE, "manual")
                    .onConflict(CSubs.ORG_ID, CSubs.CONTACT_ID)
                    .doUpdate()
                    .set(CSubs.PLAN_ID, planId)
                    .set(CSubs.STATUS, "active")
                    .set(CSubs.PERIOD_START, now)
                    .set(CSubs.PERIOD_END, now.plus(Duration.ofDays(plan.periodDays())))
                    .set(CSubs.CANCEL_AT_PERIOD_END, false)
                    .set(CSubs.SOURCE, "manual")
                    .set(CSubs.UPDATED_AT, now)
                    .execute();
            return find(orgId, contactId).orElseThrow();
        });
    }

    /** Ends a manual subscription now, or marks a Stripe one to end at the period's end (Stripe confirms later). */
    Optional<Subscription> markCancelled(UUID orgId, UUID contactId, boolean atPeriodEnd) {
        return tx.inOrg(orgId, () -> {
            var update = db.update(CSubs.T).set(CSubs.UPDATED_AT, Instant.now());
            update = atPeriodEnd ? update.set(CSubs.CANCEL_AT_PERIOD_END, true) : update.set(CSubs.STATUS, "cancelled");
            update.where(CSubs.ORG_ID.eq(orgId), CSubs.CONTACT_ID.eq(contactId), CSubs.STATUS.ne("cancelled"))
                    .execute();
            return find(orgId, contactId);
        });
    }

    /**
     * Applies the state Stripe reports now for a contact's subscription (read back from Stripe, never
     * taken from the event), so late or reordered events converge on the same row.
     */
    Subscription applyStripe(
            UUID orgId,
            UUID contactId,
            UUID planId,
            String subscriptionId,
            @Nullable String customerId,
            @Nullable String accountId,
            String stripeStatus,
            Instant periodStart,
            Instant periodEnd,
            boolean cancelAtPeriodEnd) {
        Instant now = Instant.now();
        return tx.inOrg(orgId, () -> {
            Subscription before = find(orgId, contactId).orElse(null);
            String status = switch (stripeStatus) {
                case "active", "trialing" -> "active";
                case "past_due", "unpaid" -> "past_due";
                case "canceled", "incomplete_expired" -> "cancelled";
                default -> null; // incomplete, paused: wait until Stripe settles it
            };
            if (status == null) return before;
            if (before != null && "cancelled".equals(status) && !subscriptionId.equals(before.stripeSubscriptionId())) {
                return before; // an old subscription ended after the contact moved to another (or a manual) one
            }
            db.insertInto(CSubs.T)
                    .set(CSubs.ORG_ID, orgId)
                    .set(CSubs.CONTACT_ID, contactId)
                    .set(CSubs.PLAN_ID, planId)
                    .set(CSubs.STATUS, status)
                    .set(CSubs.PERIOD_START, periodStart)
                    .set(CSubs.PERIOD_END, periodEnd)
                    .set(CSubs.CANCEL_AT_PERIOD_END, cancelAtPeriodEnd)
                    .set(CSubs.SOURCE, "stripe")
                    .set(CSubs.STRIPE_ACCOUNT_ID, accountId)
                    .set(CSubs.STRIPE_CUSTOMER_ID, customerId)
                    .set(CSubs.STRIPE_SUBSCRIPTION_ID, subscriptionId)
                    .onConflict(CSubs.ORG_ID, CSubs.CONTACT_ID)
                    .doUpdate()
                    .set(CSubs.PLAN_ID, planId)
                    .set(CSubs.STATUS, status)
                    .set(CSubs.PERIOD_START, periodStart)
                    .set(CSubs.PERIOD_END, periodEnd)
                    .set(CSubs.CANCEL_AT_PERIOD_END, cancelAtPeriodEnd)
                    .set(CSubs.SOURCE, "stripe")
                    .set(CSubs.STRIPE_ACCOUNT_ID, accountId)
                    .set(CSubs.STRIPE_CUSTOMER_ID, customerId)
                    .set(CSubs.STRIPE_SUBSCRIPTION_ID, subscriptionId)
                    .set(CSubs.UPDATED_AT, now)
                    .execute();
            return find(orgId, contactId).orElseThrow();
        });
    }

    /** The contact a Stripe subscription belongs to (system scope: webhooks know no organisation yet). */
    Optional<ContactOf> contactOfStripeSubscription(String subscriptionId) {
        return tx.asSystem(
                "contact subscription lookup",
                () -> db.select(CSubs.ORG_ID, CSubs.CONTACT_ID)
                        .from(CSubs.T)
                        .where(CSubs.STRIPE_SUBSCRIPTION_ID.eq(subscriptionId))
                        .fetchOptional(r -> new ContactOf(r.value1(), r.value2())));
    }

    record ContactOf(UUID orgId, UUID contactId) {}

    /**
     * History windows of contacts with a live subscription (the retention purge's per-contact
     * overrides): bounded by the number of subscribers. Contacts on the free allowance are not listed;
     * {@link io.switchboard.billing.ContactPlans#contactHistoryDays} answers for any single contact.
     */
    List<io.switchboard.billing.RetentionWindows.ContactWindow> liveHistoryWindows(UUID orgId) {
        return tx.inOrg(
                orgId,
                () -> db.select(CSubs.CONTACT_ID, ContactPlanTables.CPlans.HISTORY_DAYS, ContactPlanTables.CPlans.NAME)
                        .from(CSubs.T)
                        .join(ContactPlanTables.CPlans.T)
                        .on(ContactPlanTables.CPlans.ID.eq(CSubs.PLAN_ID))
                        .where(CSubs.ORG_ID.eq(orgId), CSubs.STATUS.ne("cancelled"))
                        .orderBy(CSubs.CONTACT_ID)
                        .fetch(r -> new io.switchboard.billing.RetentionWindows.ContactWindow(
                                r.value1(),
                                new io.switchboard.billing.RetentionWindows.RetentionWindow(
                                        r.value2(), "contact-plan:" + r.value3()))));
    }

    static Subscription toSubscription(Record r) {
        return new Subscription(
                r.get(CSubs.CONTACT_ID),
                r.get(CSubs.PLAN_ID),
                r.get(CSubs.STATUS),
                r.get(CSubs.PERIOD_START),
                r.get(CSubs.PERIOD_END),
                r.get(CSubs.CANCEL_AT_PERIOD_END),
                r.get(CSubs.SOURCE),
                r.get(CSubs.STRIPE_ACCOUNT_ID),
                r.get(CSubs.STRIPE_CUSTOMER_ID),
                r.get(CSubs.STRIPE_SUBSCRIPTION_ID),
                r.get(CSubs.UPDATED_AT));
    }
}
