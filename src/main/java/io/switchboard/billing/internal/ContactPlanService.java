package io.switchboard.billing.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.billing.ContactGate;
import io.switchboard.billing.ContactPlans;
import io.switchboard.billing.internal.ContactPlanCatalog.ContactPlan;
import io.switchboard.billing.internal.ContactSubscriptions.Effective;
import io.switchboard.billing.internal.ContactSubscriptions.Subscription;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.ratelimit.RateLimiter;
import io.switchboard.shared.web.PublicUrls;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Enforces contact plans in conversations: the per-contact rate limit (a polite "slow down" once a
 * minute, then silence), upgrade requests and the per-contact AI-reply quota. In stripe mode the
 * reply carries a Stripe Checkout link for the next plan up; in manual mode it says how to ask the
 * team. Organisations without contact plans are never limited here.
 */
@Service
class ContactPlanService implements ContactPlans {

    private static final Logger log = LoggerFactory.getLogger(ContactPlanService.class);
    private static final Pattern UPGRADE = Pattern.compile(
            "\\b(upgrade|subscribe|subscription|pricing|plans|(my|paid|premium|bigger|better|change( my)?) plan)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final ContactPlanCatalog plans;
    private final ContactSubscriptions subscriptions;
    private final RateLimiter rateLimiter;
    private final StripeGateway stripe;
    private final BillingProperties properties;
    private final PublicUrls urls;

    ContactPlanService(
            ContactPlanCatalog plans,
            ContactSubscriptions subscriptions,
            RateLimiter rateLimiter,
            StripeGateway stripe,
            BillingProperties properties,
            PublicUrls urls) {
        this.plans = plans;
        this.subscriptions = subscriptions;
        this.rateLimiter = rateLimiter;
        this.stripe = stripe;
        this.properties = properties;
        this.urls = urls;
    }

    @Schema(name = "ContactPlanStatus", description = "The plan that applies to a contact now and what they used")
    record ContactPlanStatus(
            UUID contactId,

            @Nullable
            @Schema(
                    description =
                            "the plan that applies now: the subscription's, else the free allowance; null = not limited")
            ContactPlan plan,

            @Nullable @Schema(description = "the contact's subscription, also when cancelled")
            Subscription subscription,

            @Schema(description = "true when the free allowance applies (no live subscription)")
            boolean onFreeAllowance,

            @Schema(description = "AI replies used in the current window")
            long used,

            @Nullable @Schema(description = "AI replies allowed in the window; null = unlimited")
            Long limit,

            @Nullable @Schema(description = "used / limit in percent; null when unlimited")
            Integer percent,

            Instant windowStart,
            @Nullable Instant windowEnd,

            @Nullable @Schema(description = "days of history kept for this contact; null = the organisation's window")
            Integer historyDays,

            @Schema(description = "stripe: contacts pay through Checkout; manual: admins assign plans")
            String mode) {}

    // ---- ContactPlans -------------------------------------------------------------------------

    @Override
    public ContactGate admit(UUID orgId, UUID contactId, UUID messageId, String text) {
        if (!plans.inUse(orgId)) return new ContactGate.Proceed();
        Instant now = Instant.now();
        Effective e = subscriptions.effective(orgId, contactId, now);
        ContactPlan plan = e.plan();
        if (plan != null && plan.messagesPerMinute() != null) {
            int perMinute = plan.messagesPerMinute();
            String key = "contact-messages:" + contactId + ":" + perMinute;
            if (!rateLimiter.tryConsume(key, perMinute, Duration.ofMinutes(1))) {
                // one notice a minute: flooding gets one polite answer, not one per message
                boolean notify =
                        rateLimiter.tryConsume("contact-throttle-notice:" + contactId, 1, Duration.ofMinutes(1));
                return new ContactGate.Throttled(
                        notify
                                ? "You're sending messages a little fast (your plan allows " + perMinute
                                        + " per minute). Please wait a moment, then send your question again."
                                : null);
            }
        }
        List<ContactPlan> offered = offered(orgId);
        if (!offered.isEmpty() && UPGRADE.matcher(text).find()) {
            return new ContactGate.UpgradeRequested(upgradeReply(orgId, contactId, messageId, e, offered), manual());
        }
        if (plan == null) return new ContactGate.Proceed();
        long used = subscriptions.consume(orgId, contactId, messageId, e);
        if (used >= 0) return new ContactGate.Proceed();
        String reached = plan.freeAllowance()
                ? "You've used the " + plan.aiReplies() + " free replies of this period (it renews on "
                        + day(e.windowEnd()) + ")."
                : "You've used all " + plan.aiReplies() + " replies of your " + plan.name()
                        + " plan for this period (it renews on " + day(e.windowEnd()) + ").";
        ContactPlan target = nextPlan(plan, offered);
        if (target == null) return new ContactGate.QuotaReached(reached);
        return new ContactGate.QuotaReached(reached + " " + howToUpgrade(orgId, contactId, messageId, e, target));
    }

    @Override
    public @Nullable Integer contactHistoryDays(UUID orgId, UUID contactId) {
        ContactPlan plan =
                subscriptions.effective(orgId, contactId, Instant.now()).plan();
        return plan == null ? null : plan.historyDays();
    }

    // ---- status, checkout, cancel (dashboard and portal) ----------------------------------------

    ContactPlanStatus status(UUID orgId, UUID contactId) {
        Instant now = Instant.now();
        Effective e = subscriptions.effective(orgId, contactId, now);
        ContactPlan plan = e.plan();
        long used = plan == null ? 0 : subscriptions.used(orgId, contactId, e.windowStart());
        Long limit = plan == null ? null : plan.aiReplies();
        Integer percent =
                limit == null ? null : limit == 0 ? (used > 0 ? 100 : 0) : (int) Math.min(999, used * 100 / limit);
        return new ContactPlanStatus(
                contactId,
                plan,
                subscriptions.find(orgId, contactId).orElse(null),
                plan != null && e.subscription() == null,
                used,
                limit,
                percent,
                e.windowStart(),
                plan == null ? null : e.windowEnd(),
                plan == null ? null : plan.historyDays(),
                properties.mode());
    }

    /** A Checkout URL for the contact to buy this plan (stripe mode only). */
    String checkoutUrl(UUID orgId, UUID contactId, UUID planId, String idempotencyKey) {
        if (!properties.stripeEnabled()) {
            throw ApiProblem.conflict(
                    "billing-manual-mode",
                    "Plans are assigned by the organisation's team (no Stripe key configured): ask them in the chat");
        }
        ContactPlan plan = plans.get(orgId, planId);
        if (!plan.purchasable()) throw ApiProblem.invalidField("planId", "this plan can't be bought");
        String customer = subscriptions
                .find(orgId, contactId)
                .map(Subscription::stripeCustomerId)
                .orElse(null);
        String portal = urls.base() + "/portal/" + orgId;
        return stripe.contactCheckout(
                        orgId,
                        contactId,
                        plan,
                        plans.stripeAccount(orgId),
                        customer,
                        portal + "?checkout=success",
                        portal + "?checkout=cancelled",
                        idempotencyKey)
                .getUrl();
    }

    /** Cancels the contact's subscription: a manual one now, a Stripe one at the end of the paid period. */
    ContactPlanStatus cancel(UUID orgId, UUID contactId) {
        Subscription s = subscriptions
                .find(orgId, contactId)
                .filter(Subscription::live)
                .orElseThrow(() -> ApiProblem.conflict("no-subscription", "There is no active plan to cancel"));
        if ("stripe".equals(s.source()) && s.stripeSubscriptionId() != null && properties.stripeEnabled()) {
            stripe.cancelAtPeriodEnd(s.stripeSubscriptionId(), s.stripeAccountId());
            subscriptions.markCancelled(orgId, contactId, true);
        } else {
            subscriptions.markCancelled(orgId, contactId, false);
        }
        return status(orgId, contactId);
    }

    boolean manual() {
        return !properties.stripeEnabled();
    }

    // ---- replies ------------------------------------------------------------------------------

    private List<ContactPlan> offered(UUID orgId) {
        return plans.all(orgId, false).stream()
                .filter(ContactPlan::purchasable)
                .sorted(Comparator.comparingLong(ContactPlan::priceMinor))
                .toList();
    }

    /** The cheapest offered plan with more replies than the current one (null = already the top). */
    private static @Nullable ContactPlan nextPlan(@Nullable ContactPlan current, List<ContactPlan> offered) {
        for (ContactPlan p : offered) {
            if (current == null) return p;
            if (p.id().equals(current.id())) continue;
            if (current.aiReplies() == null) return null;
            if (p.aiReplies() == null || p.aiReplies() > current.aiReplies()) return p;
        }
        return null;
    }

    private String upgradeReply(UUID orgId, UUID contactId, UUID messageId, Effective e, List<ContactPlan> offered) {
        ContactPlan current = e.plan();
        String list =
                String.join("; ", offered.stream().map(ContactPlan::summary).toList());
        String now = current == null
                ? ""
                : current.freeAllowance()
                        ? "You're on the free allowance (" + current.aiReplies() + " replies per "
                                + current.periodDays() + " days). "
                        : "You're on the " + current.name() + " plan. ";
        ContactPlan target = nextPlan(current, offered);
        if (target == null) return now + "That's our largest plan already. Our plans: " + list + ".";
        return now + "Our plans: " + list + ". " + howToUpgrade(orgId, contactId, messageId, e, target);
    }

    private String howToUpgrade(UUID orgId, UUID contactId, UUID messageId, Effective e, ContactPlan target) {
        if (properties.stripeEnabled()) {
            try {
                String url =
                        checkoutUrl(orgId, contactId, target.id(), "contact-checkout-" + messageId + "-" + target.id());
                return "Upgrade to " + target.summary() + ": " + url;
            } catch (ApiProblem problem) {
                log.warn(
                        "Checkout for contact {} of organisation {} failed: {}",
                        contactId,
                        orgId,
                        problem.getMessage());
            }
        }
        return "To upgrade to " + target.summary() + ", ask our team in this chat: they can switch your plan.";
    }

    private static String day(Instant instant) {
        return DAY.format(instant.atZone(ZoneOffset.UTC));
    }
}
