package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.BillingTables.Entries;
import static io.switchboard.billing.internal.BillingTables.StripeEvents;

import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import io.switchboard.billing.internal.PlanCatalog.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored Stripe events, worked off in the background. Each event only says "this object changed":
 * the worker reads the object's current state back from Stripe and applies that, so duplicates,
 * retries and out-of-order deliveries all end in the same state. Money is posted with idempotency
 * keys derived from Stripe ids (checkout session, payment intent + refunded total).
 */
@Component
class StripeEventWorker {

    private static final Logger log = LoggerFactory.getLogger(StripeEventWorker.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LEASE = Duration.ofMinutes(2);

    record Pending(String id, String type, String payload, int attempts) {}

    private final DSLContext db;
    private final OrgTransactions tx;
    private final StripeGateway stripe;
    private final SubscriptionService subscriptions;
    private final PlanCatalog plans;
    private final Ledger ledger;
    private final CreditAlerts creditAlerts;

    StripeEventWorker(
            DSLContext db,
            OrgTransactions tx,
            StripeGateway stripe,
            SubscriptionService subscriptions,
            PlanCatalog plans,
            Ledger ledger,
            CreditAlerts creditAlerts) {
        this.creditAlerts = creditAlerts;
        this.db = db;
        this.tx = tx;
        this.stripe = stripe;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.ledger = ledger;
    }

    /** Stores the raw event; answers false when the id was stored before (a replay: nothing to do). */
    boolean store(String id, String type, String payload) {
        return tx.asSystem(
                        "stripe webhook",
                        () -> db.insertInto(StripeEvents.T)
                                .set(StripeEvents.ID, id)
                                .set(StripeEvents.TYPE, type)
                                .set(StripeEvents.PAYLOAD, payload)
                                .onConflictDoNothing()
                                .execute())
                == 1;
    }

    @Scheduled(fixedDelayString = "${switchboard.billing.stripe-poll-interval:500ms}", initialDelay = 3_000)
    void poll() {
        while (drainOnce() > 0) {
            // keep going while there is work
        }
    }

    /** Claims up to 20 due events with a lease and processes them one by one; answers how many. */
    int drainOnce() {
        List<Pending> batch = tx.asSystem("claim stripe events", () -> {
            var rows = db.select(StripeEvents.ID, StripeEvents.TYPE, StripeEvents.PAYLOAD, StripeEvents.ATTEMPTS)
                    .from(StripeEvents.T)
                    .where(StripeEvents.PROCESSED_AT.isNull(), StripeEvents.NEXT_ATTEMPT.le(Instant.now()))
                    .orderBy(StripeEvents.RECEIVED_AT)
                    .limit(20)
                    .forUpdate()
                    .skipLocked()
                    .fetch(r -> new Pending(r.value1(), r.value2(), r.value3(), r.value4()));
            if (!rows.isEmpty()) {
                db.update(StripeEvents.T)
                        .set(StripeEvents.NEXT_ATTEMPT, Instant.now().plus(LEASE))
                        .set(StripeEvents.ATTEMPTS, StripeEvents.ATTEMPTS.plus(1))
                        .where(StripeEvents.ID.in(rows.stream().map(Pending::id).toList()))
                        .execute();
            }
            return rows;
        });
        for (Pending event : batch) {
            try {
                UUID orgId = process(event);
                tx.asSystem(
                        "stripe event done",
                        () -> db.update(StripeEvents.T)
                                .set(StripeEvents.PROCESSED_AT, Instant.now())
                                .set(StripeEvents.ORG_ID, orgId)
                                .setNull(StripeEvents.LAST_ERROR)
                                .where(StripeEvents.ID.eq(event.id()))
                                .execute());
            } catch (RuntimeException | StripeException e) {
                long backoff = Math.min(3600, (long) Math.pow(2, Math.min(event.attempts() + 1, 12)));
                log.warn(
                        "Stripe event {} ({}) failed, retry in {} s: {}",
                        event.id(),
                        event.type(),
                        backoff,
                        e.toString());
                tx.asSystem(
                        "stripe event failed",
                        () -> db.update(StripeEvents.T)
                                .set(StripeEvents.LAST_ERROR, String.valueOf(e.getMessage()))
                                .set(StripeEvents.NEXT_ATTEMPT, Instant.now().plusSeconds(backoff))
                                .where(StripeEvents.ID.eq(event.id()))
                                .execute());
            }
        }
        return batch.size();
    }

    /** Applies one event; answers the organisation it concerned (null when none of ours). */
    @Nullable
    UUID process(Pending event) throws StripeException {
        JsonNode object = JSON.readTree(event.payload()).path("data").path("object");
        String objectId = text(object, "id");
        return switch (event.type()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
                objectId == null ? null : checkoutCompleted(objectId);
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                objectId == null ? null : syncSubscription(objectId);
            case "invoice.paid", "invoice.payment_succeeded" -> {
                String sub = invoiceSubscription(object);
                yield sub == null ? null : syncSubscription(sub);
            }
            case "invoice.payment_failed" -> {
                String sub = invoiceSubscription(object);
                UUID orgId = sub == null ? null : syncSubscription(sub);
                if (orgId == null) orgId = org(null, text(object, "customer")).orElse(null);
                if (orgId != null) subscriptions.paymentFailed(orgId);
                yield orgId;
            }
            case "charge.refunded" -> objectId == null ? null : chargeRefunded(objectId);
            case "payment_intent.succeeded" -> objectId == null ? null : paymentSucceeded(objectId);
            default -> null; // not an event we act on
        };
    }

    /** An automatic top-up that completed later (e.g. after 3-D Secure): credited once by its id. */
    private @Nullable UUID paymentSucceeded(String paymentIntentId) throws StripeException {
        PaymentIntent intent = stripe.paymentIntent(paymentIntentId);
        if (!"credits_auto".equals(meta(intent.getMetadata(), "purpose")) || !"succeeded".equals(intent.getStatus())) {
            return null; // Checkout top-ups are credited by checkout.session.completed
        }
        UUID orgId = org(intent.getMetadata(), intent.getCustomer()).orElse(null);
        if (orgId != null) creditAlerts.credit(orgId, intent);
        return orgId;
    }

    private @Nullable UUID checkoutCompleted(String sessionId) throws StripeException {
        Session session = stripe.session(sessionId);
        UUID orgId = org(session.getMetadata(), session.getCustomer())
                .or(() -> uuid(session.getClientReferenceId()))
                .orElse(null);
        if (orgId == null) return null;
        if ("subscription".equals(session.getMode())) {
            if (session.getCustomer() != null) subscriptions.setStripeCustomer(orgId, session.getCustomer());
            return session.getSubscription() == null ? orgId : syncSubscription(session.getSubscription());
        }
        if ("payment".equals(session.getMode())
                && "credits".equals(meta(session.getMetadata(), "purpose"))
                && "paid".equals(session.getPaymentStatus())
                && session.getAmountTotal() != null
                && session.getAmountTotal() > 0) {
            ledger.post(
                    orgId,
                    new Ledger.Posting(
                            Ledger.Kind.TOP_UP,
                            session.getAmountTotal(),
                            "stripe:checkout:" + session.getId(),
                            null,
                            session.getPaymentIntent(),
                            "Credit top-up (Stripe Checkout)",
                            "stripe"));
        }
        return orgId;
    }

    private @Nullable UUID syncSubscription(String subscriptionId) throws StripeException {
        return apply(stripe.subscription(subscriptionId));
    }

    /** Applies a subscription as Stripe reports it now (plan, status, period, cancellation). */
    @Nullable
    UUID apply(Subscription sub) {
        String subscriptionId = sub.getId();
        UUID orgId = org(sub.getMetadata(), sub.getCustomer())
                .or(() -> subscriptions.orgOfStripeSubscription(subscriptionId))
                .orElse(null);
        if (orgId == null) {
            log.warn("Stripe subscription {} belongs to no known organisation", subscriptionId);
            return null;
        }
        SubscriptionItem item = sub.getItems() == null
                        || sub.getItems().getData() == null
                        || sub.getItems().getData().isEmpty()
                ? null
                : sub.getItems().getData().getFirst();
        String planId = Optional.ofNullable(meta(sub.getMetadata(), "plan_id"))
                .flatMap(plans::find)
                .or(() -> item == null || item.getPrice() == null
                        ? Optional.empty()
                        : plans.byStripePrice(item.getPrice().getId()))
                .map(Plan::id)
                .orElseGet(() -> subscriptions.current(orgId).planId());
        Instant start = item != null && item.getCurrentPeriodStart() != null
                ? Instant.ofEpochSecond(item.getCurrentPeriodStart())
                : Instant.now();
        Instant end = item != null && item.getCurrentPeriodEnd() != null
                ? Instant.ofEpochSecond(item.getCurrentPeriodEnd())
                : start.plus(Duration.ofDays(plans.get(planId).periodDays()));
        subscriptions.applyStripe(
                orgId,
                sub.getId(),
                sub.getCustomer(),
                sub.getStatus(),
                planId,
                start,
                end,
                Boolean.TRUE.equals(sub.getCancelAtPeriodEnd()));
        return orgId;
    }

    /**
     * A refunded credit purchase takes the refunded credits back. The charge's cumulative refunded
     * amount (read from Stripe) minus what was already taken back is posted; only available credits can
     * leave, so a shortfall (credits already spent) is logged, not forced below zero.
     */
    private @Nullable UUID chargeRefunded(String chargeId) throws StripeException {
        Charge charge = stripe.charge(chargeId);
        UUID orgId = org(charge.getMetadata(), charge.getCustomer()).orElse(null);
        String paymentIntent = charge.getPaymentIntent();
        if (orgId == null || paymentIntent == null) return orgId;
        long refunded = charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        tx.inOrg(orgId, () -> {
            long toppedUp = sum(orgId, paymentIntent, "top_up");
            if (toppedUp == 0) return null; // a subscription payment: no credits involved
            long taken = sum(orgId, paymentIntent, "refund");
            long due = Math.min(refunded, toppedUp) - taken;
            if (due <= 0) return null;
            long available = ledger.account(orgId).available();
            long amount = Math.min(due, available);
            if (amount < due) {
                log.warn("Refund of charge {} exceeds org {}'s available credits by {}", chargeId, orgId, due - amount);
            }
            if (amount > 0) {
                ledger.post(
                        orgId,
                        new Ledger.Posting(
                                Ledger.Kind.REFUND,
                                amount,
                                "stripe:refund:" + paymentIntent + ":" + (taken + amount),
                                null,
                                paymentIntent,
                                "Refund of a credit purchase (Stripe charge " + chargeId + ")",
                                "stripe"));
            }
            return null;
        });
        return orgId;
    }

    private long sum(UUID orgId, String reference, String kind) {
        var total = db.select(DSL.coalesce(DSL.sum(Entries.AMOUNT), DSL.inline(java.math.BigDecimal.ZERO)))
                .from(Entries.T)
                .where(Entries.ORG_ID.eq(orgId), Entries.REFERENCE.eq(reference), Entries.KIND.eq(kind))
                .fetchOne(0, java.math.BigDecimal.class);
        return total == null ? 0 : total.longValue();
    }

    private Optional<UUID> org(@Nullable Map<String, String> metadata, @Nullable String customerId) {
        Optional<UUID> fromMeta = uuid(meta(metadata, "org_id"));
        if (fromMeta.isPresent()) return fromMeta;
        return customerId == null ? Optional.empty() : subscriptions.orgOfCustomer(customerId);
    }

    private static @Nullable String invoiceSubscription(JsonNode invoice) {
        String direct = text(invoice, "subscription");
        if (direct != null) return direct;
        // API versions from 2025-03-31 moved it under parent.subscription_details
        return text(invoice.path("parent").path("subscription_details"), "subscription");
    }

    private static @Nullable String meta(@Nullable Map<String, String> metadata, String key) {
        return metadata == null ? null : metadata.get(key);
    }

    private static Optional<UUID> uuid(@Nullable String value) {
        if (value == null) return Optional.empty();
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() && !v.asString().isBlank() ? v.asString() : null;
    }
}
