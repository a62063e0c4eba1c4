package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.BillingTables.Subscriptions;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.billing.internal.PlanCatalog.Plan;
import io.switchboard.identity.OrganizationCreated;
import io.switchboard.shared.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Which plan an organisation is on and in which state. New organisations start on Trial; Stripe (or a
 * super admin in manual mode) moves them; a failed payment keeps the plan for a grace period, then the
 * organisation drops to Trial (expired). Nothing is deleted on a downgrade.
 */
@Service
class SubscriptionService {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);

    private final DSLContext db;
    private final OrgTransactions tx;
    private final PlanCatalog plans;
    private final BillingProperties properties;

    SubscriptionService(DSLContext db, OrgTransactions tx, PlanCatalog plans, BillingProperties properties) {
        this.db = db;
        this.tx = tx;
        this.plans = plans;
        this.properties = properties;
    }

    record Subscription(
            UUID orgId,
            String planId,

            @Schema(description = "trialing, active, past_due, canceled or expired")
            String status,

            Instant periodStart,
            Instant periodEnd,
            boolean cancelAtPeriodEnd,
            @Nullable Instant graceUntil,
            @Nullable String stripeCustomerId,
            @Nullable String stripeSubscriptionId) {}

    /** The window metered usage counts in, and whether metered work is allowed at all. */
    record Window(Instant start, @Nullable Instant end, boolean usable) {}

    @ApplicationModuleListener
    void on(OrganizationCreated event) {
        current(event.orgId());
        // the operator's own organisation on a self-hosted install is not limited by a plan
        if (event.bootstrap()) assign(event.orgId(), PlanCatalog.ENTERPRISE);
    }

    /** The organisation's subscription, creating its Trial on first use. */
    Subscription current(UUID orgId) {
        return tx.inOrg(
                orgId,
                () -> find(orgId).orElseGet(() -> {
                    Plan trial = plans.get(PlanCatalog.TRIAL);
                    Instant now = Instant.now();
                    db.insertInto(Subscriptions.T)
                            .set(Subscriptions.ORG_ID, orgId)
                            .set(Subscriptions.PLAN_ID, trial.id())
                            .set(Subscriptions.STATUS, "trialing")
                            .set(Subscriptions.PERIOD_START, now)
                            .set(Subscriptions.PERIOD_END, now.plus(Duration.ofDays(trial.periodDays())))
                            .onConflictDoNothing()
                            .execute();
                    return find(orgId).orElseThrow();
                }));
    }

    Optional<Subscription> find(UUID orgId) {
        return db.select(Subscriptions.ALL)
                .from(Subscriptions.T)
                .where(Subscriptions.ORG_ID.eq(orgId))
                .fetchOptional(SubscriptionService::toSubscription);
    }

    /**
     * The current usage window: Stripe's or a manual plan's period rolled forward in whole periods
     * (a late renewal webhook must not freeze the counter); a trial has one window that does not renew.
     */
    Window window(Subscription s, Plan plan, Instant now) {
        boolean inGrace = "past_due".equals(s.status()) && s.graceUntil() != null && now.isBefore(s.graceUntil());
        return switch (s.status()) {
            case "canceled", "expired" -> new Window(s.periodStart(), null, false);
            case "trialing" -> new Window(s.periodStart(), null, now.isBefore(s.periodEnd()));
            default -> {
                Instant start = s.periodStart();
                Instant end = s.periodEnd();
                Duration period = Duration.ofDays(plan.periodDays());
                if (!end.isAfter(start)) end = start.plus(period);
                while (!now.isBefore(end)) {
                    start = end;
                    end = end.plus(period);
                }
                yield new Window(start, end, !"past_due".equals(s.status()) || inGrace);
            }
        };
    }

    /** Super admin (manual mode, or a custom deal): puts the organisation on a plan from now. */
    Subscription assign(UUID orgId, String planId) {
        Plan plan = plans.get(planId);
        current(orgId);
        Instant now = Instant.now();
        return tx.inOrg(orgId, () -> {
            db.update(Subscriptions.T)
                    .set(Subscriptions.PLAN_ID, plan.id())
                    .set(Subscriptions.STATUS, plan.trial() ? "trialing" : "active")
                    .set(Subscriptions.PERIOD_START, now)
                    .set(Subscriptions.PERIOD_END, now.plus(Duration.ofDays(plan.periodDays())))
                    .set(Subscriptions.CANCEL_AT_PERIOD_END, false)
                    .setNull(Subscriptions.GRACE_UNTIL)
                    .set(Subscriptions.UPDATED_AT, now)
                    .where(Subscriptions.ORG_ID.eq(orgId))
                    .execute();
            return find(orgId).orElseThrow();
        });
    }

    void setStripeCustomer(UUID orgId, String customerId) {
        current(orgId);
        tx.inOrg(
                orgId,
                () -> db.update(Subscriptions.T)
                        .set(Subscriptions.STRIPE_CUSTOMER_ID, customerId)
                        .where(Subscriptions.ORG_ID.eq(orgId))
                        .execute());
    }

    Optional<UUID> orgOfCustomer(String customerId) {
        return tx.asSystem(
                "stripe customer lookup",
                () -> db.select(Subscriptions.ORG_ID)
                        .from(Subscriptions.T)
                        .where(Subscriptions.STRIPE_CUSTOMER_ID.eq(customerId))
                        .fetchOptional(Subscriptions.ORG_ID));
    }

    Optional<UUID> orgOfStripeSubscription(String subscriptionId) {
        return tx.asSystem(
                "stripe subscription lookup",
                () -> db.select(Subscriptions.ORG_ID)
                        .from(Subscriptions.T)
                        .where(Subscriptions.STRIPE_SUBSCRIPTION_ID.eq(subscriptionId))
                        .fetchOptional(Subscriptions.ORG_ID));
    }

    /**
     * Applies the state Stripe reports now for a subscription (read back from Stripe, never taken from
     * the event), so events arriving late or out of order converge on the same row.
     */
    Subscription applyStripe(
            UUID orgId,
            String subscriptionId,
            String customerId,
            String stripeStatus,
            String planId,
            Instant periodStart,
            Instant periodEnd,
            boolean cancelAtPeriodEnd) {
        current(orgId);
        Instant now = Instant.now();
        return tx.inOrg(orgId, () -> {
            Subscription before = find(orgId).orElseThrow();
            if (before.stripeSubscriptionId() != null
                    && !before.stripeSubscriptionId().equals(subscriptionId)
                    && List.of("canceled", "incomplete_expired").contains(stripeStatus)) {
                // an old subscription ended after the organisation moved to a new one: ignore it
                return before;
            }
            String status;
            String plan = planId;
            Instant graceUntil = before.graceUntil();
            switch (stripeStatus) {
                case "trialing" -> status = "trialing";
                case "active" -> {
                    status = "active";
                    graceUntil = null;
                }
                case "past_due", "unpaid" -> {
                    status = "past_due";
                    if (graceUntil == null) graceUntil = now.plus(properties.grace());
                }
                case "canceled", "incomplete_expired" -> {
                    status = "canceled";
                    plan = PlanCatalog.TRIAL;
                    graceUntil = null;
                }
                default -> {
                    // incomplete, paused: keep what the organisation had until Stripe settles it
                    return before;
                }
            }
            try {
                db.update(Subscriptions.T)
                        .set(Subscriptions.PLAN_ID, plan)
                        .set(Subscriptions.STATUS, status)
                        .set(Subscriptions.PERIOD_START, periodStart)
                        .set(Subscriptions.PERIOD_END, periodEnd)
                        .set(Subscriptions.CANCEL_AT_PERIOD_END, cancelAtPeriodEnd)
                        .set(Subscriptions.GRACE_UNTIL, graceUntil)
                        .set(Subscriptions.STRIPE_CUSTOMER_ID, customerId)
                        .set(Subscriptions.STRIPE_SUBSCRIPTION_ID, subscriptionId)
                        .set(Subscriptions.UPDATED_AT, now)
                        .where(Subscriptions.ORG_ID.eq(orgId))
                        .execute();
            } catch (DataIntegrityViolationException e) {
                throw ApiProblem.conflict("stripe-mismatch", "Stripe ids belong to another organisation");
            }
            return find(orgId).orElseThrow();
        });
    }

    /** A failed invoice: the plan stays for the grace period (the first failure starts the clock). */
    void paymentFailed(UUID orgId) {
        Instant now = Instant.now();
        tx.inOrg(
                orgId,
                () -> db.update(Subscriptions.T)
                        .set(Subscriptions.STATUS, "past_due")
                        .set(
                                Subscriptions.GRACE_UNTIL,
                                org.jooq.impl.DSL.coalesce(
                                        Subscriptions.GRACE_UNTIL, org.jooq.impl.DSL.val(now.plus(properties.grace()))))
                        .set(Subscriptions.UPDATED_AT, now)
                        .where(
                                Subscriptions.ORG_ID.eq(orgId),
                                Subscriptions.STATUS.in("active", "past_due", "trialing"))
                        .execute());
    }

    /** Dunning: after the grace period an unpaid organisation drops to Trial (expired); data stays. */
    @Scheduled(fixedDelayString = "${switchboard.billing.dunning-interval:60s}", initialDelay = 15_000)
    void dunning() {
        downgradeOverdue(Instant.now());
    }

    int downgradeOverdue(Instant now) {
        var overdue = tx.asSystem(
                "dunning",
                () -> db.select(Subscriptions.ORG_ID)
                        .from(Subscriptions.T)
                        .where(Subscriptions.STATUS.eq("past_due"), Subscriptions.GRACE_UNTIL.le(now))
                        .fetch(Subscriptions.ORG_ID));
        for (UUID orgId : overdue) {
            tx.inOrg(
                    orgId,
                    () -> db.update(Subscriptions.T)
                            .set(Subscriptions.PLAN_ID, PlanCatalog.TRIAL)
                            .set(Subscriptions.STATUS, "expired")
                            .set(Subscriptions.UPDATED_AT, now)
                            .where(Subscriptions.ORG_ID.eq(orgId), Subscriptions.STATUS.eq("past_due"))
                            .execute());
            log.info("Organisation {} moved to Trial after the payment grace period", orgId);
        }
        return overdue.size();
    }

    static Subscription toSubscription(Record r) {
        return new Subscription(
                r.get(Subscriptions.ORG_ID),
                r.get(Subscriptions.PLAN_ID),
                r.get(Subscriptions.STATUS),
                r.get(Subscriptions.PERIOD_START),
                r.get(Subscriptions.PERIOD_END),
                r.get(Subscriptions.CANCEL_AT_PERIOD_END),
                r.get(Subscriptions.GRACE_UNTIL),
                r.get(Subscriptions.STRIPE_CUSTOMER_ID),
                r.get(Subscriptions.STRIPE_SUBSCRIPTION_ID));
    }
}
