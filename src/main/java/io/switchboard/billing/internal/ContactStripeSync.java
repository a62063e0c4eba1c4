package io.switchboard.billing.internal;

import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import io.switchboard.billing.internal.ContactPlanCatalog.ContactPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The contact side of Stripe webhook processing: a subscription whose metadata names a contact (set
 * by {@link StripeGateway#contactCheckout}) or that we recorded for a contact is applied to that
 * contact's plan, never to the organisation's. The subscription is read back from Stripe by the
 * worker, so replays and reordered events converge.
 */
@Component
class ContactStripeSync {

    static final String PURPOSE = "contact_plan";
    private static final Logger log = LoggerFactory.getLogger(ContactStripeSync.class);

    private final ContactSubscriptions subscriptions;
    private final ContactPlanCatalog plans;

    ContactStripeSync(ContactSubscriptions subscriptions, ContactPlanCatalog plans) {
        this.subscriptions = subscriptions;
        this.plans = plans;
    }

    boolean isContactSubscription(String subscriptionId, @Nullable Map<String, String> metadata) {
        if (metadata != null && (PURPOSE.equals(metadata.get("purpose")) || metadata.containsKey("contact_id"))) {
            return true;
        }
        return subscriptions.contactOfStripeSubscription(subscriptionId).isPresent();
    }

    /** Applies Stripe's current state of a contact's subscription; answers the organisation (null if unknown). */
    @Nullable
    UUID apply(Subscription sub, @Nullable String account) {
        Map<String, String> meta = sub.getMetadata() == null ? Map.of() : sub.getMetadata();
        var known = subscriptions.contactOfStripeSubscription(sub.getId());
        UUID orgId = known.map(ContactSubscriptions.ContactOf::orgId)
                .or(() -> uuid(meta.get("org_id")))
                .orElse(null);
        UUID contactId = known.map(ContactSubscriptions.ContactOf::contactId)
                .or(() -> uuid(meta.get("contact_id")))
                .orElse(null);
        if (orgId == null || contactId == null) {
            log.warn("Stripe subscription {} names no known contact", sub.getId());
            return null;
        }
        // the platform's own objects carry metadata we wrote; an object of a connected account may only
        // touch the organisation that connected that account
        String expected = account == null ? null : plans.stripeAccount(orgId);
        if (account != null && !account.equals(expected)) {
            log.warn(
                    "Stripe subscription {} (account {}) names organisation {} whose account is {}: ignored",
                    sub.getId(),
                    account,
                    orgId,
                    expected);
            return null;
        }
        SubscriptionItem item = sub.getItems() == null
                        || sub.getItems().getData() == null
                        || sub.getItems().getData().isEmpty()
                ? null
                : sub.getItems().getData().getFirst();
        Optional<ContactPlan> plan = uuid(meta.get("contact_plan_id"))
                .flatMap(id -> plans.find(orgId, id))
                .or(() -> item == null || item.getPrice() == null
                        ? Optional.empty()
                        : plans.byStripePrice(orgId, item.getPrice().getId()))
                .or(() -> subscriptions.find(orgId, contactId).flatMap(s -> plans.find(orgId, s.planId())));
        if (plan.isEmpty()) {
            log.warn(
                    "Stripe subscription {} of contact {} names no plan of organisation {}",
                    sub.getId(),
                    contactId,
                    orgId);
            return orgId;
        }
        Instant start = item != null && item.getCurrentPeriodStart() != null
                ? Instant.ofEpochSecond(item.getCurrentPeriodStart())
                : Instant.now();
        Instant end = item != null && item.getCurrentPeriodEnd() != null
                ? Instant.ofEpochSecond(item.getCurrentPeriodEnd())
                : start.plus(Duration.ofDays(plan.get().periodDays()));
        subscriptions.applyStripe(
                orgId,
                contactId,
                plan.get().id(),
                sub.getId(),
                sub.getCustomer(),
                account,
                sub.getStatus(),
                start,
                end,
                Boolean.TRUE.equals(sub.getCancelAtPeriodEnd()));
        return orgId;
    }

    private static Optional<UUID> uuid(@Nullable String value) {
        if (value == null) return Optional.empty();
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
