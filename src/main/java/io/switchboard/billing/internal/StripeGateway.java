package io.switchboard.billing.internal;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import io.switchboard.billing.internal.PlanCatalog.Plan;
import io.switchboard.shared.ApiProblem;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The Stripe API through stripe-java, with the base URL configurable ({@code STRIPE_BASE_URL}) so
 * tests talk to a fake. Only used in stripe mode.
 */
@Component
class StripeGateway {

    private final BillingProperties properties;
    private volatile @Nullable StripeClient client;

    StripeGateway(BillingProperties properties) {
        this.properties = properties;
    }

    private StripeClient client() {
        StripeClient c = client;
        if (c == null) {
            if (!properties.stripeEnabled()) {
                throw ApiProblem.conflict(
                        "billing-manual-mode",
                        "Billing runs in manual mode (no STRIPE_SECRET_KEY): an administrator assigns plans and grants credits");
            }
            var builder = StripeClient.builder()
                    .setApiKey(properties.stripeSecretKey())
                    .setMaxNetworkRetries(2)
                    .setConnectTimeout(5_000)
                    .setReadTimeout(20_000);
            String base = properties.stripeBaseUrl();
            if (base != null && !base.isBlank()) builder.setApiBase(base.replaceAll("/+$", ""));
            c = builder.build();
            client = c;
        }
        return c;
    }

    String createCustomer(UUID orgId, String name) {
        try {
            return client().customers()
                    .create(
                            CustomerCreateParams.builder()
                                    .setName(name)
                                    .putMetadata("org_id", orgId.toString())
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey("customer-" + orgId)
                                    .build())
                    .getId();
        } catch (StripeException e) {
            throw failed(e);
        }
    }

    Session subscriptionCheckout(UUID orgId, String customerId, Plan plan, String successUrl, String cancelUrl) {
        if (plan.priceMinor() == null) {
            throw ApiProblem.badRequest("custom-price", "The " + plan.name() + " plan has a custom price: contact us");
        }
        LineItem.Builder item = LineItem.builder().setQuantity(1L);
        if (plan.stripePriceId() != null) {
            item.setPrice(plan.stripePriceId());
        } else {
            var recurring = PriceData.Recurring.builder();
            if (plan.periodDays() >= 28 && plan.periodDays() <= 31) {
                recurring.setInterval(PriceData.Recurring.Interval.MONTH);
            } else {
                recurring.setInterval(PriceData.Recurring.Interval.DAY).setIntervalCount((long) plan.periodDays());
            }
            item.setPriceData(PriceData.builder()
                    .setCurrency(plan.currency().toLowerCase(Locale.ROOT))
                    .setUnitAmount(plan.priceMinor())
                    .setRecurring(recurring.build())
                    .setProductData(PriceData.ProductData.builder()
                            .setName("Switchboard " + plan.name())
                            .build())
                    .build());
        }
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(orgId.toString())
                .putMetadata("org_id", orgId.toString())
                .putMetadata("purpose", "subscription")
                .putMetadata("plan_id", plan.id())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata("org_id", orgId.toString())
                        .putMetadata("plan_id", plan.id())
                        .build())
                .addLineItem(item.build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .build();
        try {
            return client().checkout().sessions().create(params);
        } catch (StripeException e) {
            throw failed(e);
        }
    }

    Session creditCheckout(
            UUID orgId, String customerId, long amountMinor, String currency, String successUrl, String cancelUrl) {
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setCustomer(customerId)
                .setClientReferenceId(orgId.toString())
                .putMetadata("org_id", orgId.toString())
                .putMetadata("purpose", "credits")
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("org_id", orgId.toString())
                        .putMetadata("purpose", "credits")
                        .build())
                .addLineItem(LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(PriceData.builder()
                                .setCurrency(currency.toLowerCase(Locale.ROOT))
                                .setUnitAmount(amountMinor)
                                .setProductData(PriceData.ProductData.builder()
                                        .setName("Switchboard credits")
                                        .build())
                                .build())
                        .build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .build();
        try {
            return client().checkout().sessions().create(params);
        } catch (StripeException e) {
            throw failed(e);
        }
    }

    String portal(String customerId, String returnUrl) {
        try {
            return client().billingPortal()
                    .sessions()
                    .create(com.stripe.param.billingportal.SessionCreateParams.builder()
                            .setCustomer(customerId)
                            .setReturnUrl(returnUrl)
                            .build())
                    .getUrl();
        } catch (StripeException e) {
            throw failed(e);
        }
    }

    /**
     * A Checkout for a contact plan, on the organisation's own Stripe account when it has one (Connect:
     * {@code Stripe-Account} header), else on the platform's. Metadata names the organisation, contact
     * and plan so the webhook can activate the plan on that contact.
     */
    Session contactCheckout(
            UUID orgId,
            UUID contactId,
            ContactPlanCatalog.ContactPlan plan,
            @Nullable String account,
            @Nullable String customerId,
            String successUrl,
            String cancelUrl,
            String idempotencyKey) {
        LineItem.Builder item = LineItem.builder().setQuantity(1L);
        if (plan.stripePriceId() != null) {
            item.setPrice(plan.stripePriceId());
        } else {
            var recurring = PriceData.Recurring.builder();
            if (plan.periodDays() >= 28 && plan.periodDays() <= 31) {
                recurring.setInterval(PriceData.Recurring.Interval.MONTH);
            } else {
                recurring.setInterval(PriceData.Recurring.Interval.DAY).setIntervalCount((long) plan.periodDays());
            }
            item.setPriceData(PriceData.builder()
                    .setCurrency(plan.currency().toLowerCase(Locale.ROOT))
                    .setUnitAmount(plan.priceMinor())
                    .setRecurring(recurring.build())
                    .setProductData(
                            PriceData.ProductData.builder().setName(plan.name()).build())
                    .build());
        }
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setClientReferenceId(contactId.toString())
                .putMetadata("org_id", orgId.toString())
                .putMetadata("purpose", "contact_plan")
                .putMetadata("contact_id", contactId.toString())
                .putMetadata("contact_plan_id", plan.id().toString())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata("org_id", orgId.toString())
                        .putMetadata("purpose", "contact_plan")
                        .putMetadata("contact_id", contactId.toString())
                        .putMetadata("contact_plan_id", plan.id().toString())
                        .build())
                .addLineItem(item.build())
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl);
        if (customerId != null) params.setCustomer(customerId);
        try {
            return client().checkout().sessions().create(params.build(), options(account, idempotencyKey));
        } catch (StripeException e) {
            throw failed(e);
        }
    }

    /** Ends a contact's subscription at the end of the paid period (the webhook confirms it later). */
    void cancelAtPeriodEnd(String subscriptionId, @Nullable String account) {
        try {
            client().subscriptions()
                    .update(
                            subscriptionId,
                            com.stripe.param.SubscriptionUpdateParams.builder()
                                    .setCancelAtPeriodEnd(true)
                                    .build(),
                            options(account, null));
        } catch (StripeException e) {
            throw failed(e);
        }
    }

    Session session(String id, @Nullable String account) throws StripeException {
        return client().checkout().sessions().retrieve(id, options(account, null));
    }

    Subscription subscription(String id, @Nullable String account) throws StripeException {
        return client().subscriptions().retrieve(id, options(account, null));
    }

    private static RequestOptions options(@Nullable String account, @Nullable String idempotencyKey) {
        var options = RequestOptions.builder();
        if (account != null) options.setStripeAccount(account);
        if (idempotencyKey != null) options.setIdempotencyKey(idempotencyKey);
        return options.build();
    }

    Session session(String id) throws StripeException {
        return client().checkout().sessions().retrieve(id);
    }

    Subscription subscription(String id) throws StripeException {
        return client().subscriptions().retrieve(id);
    }

    Charge charge(String id) throws StripeException {
        return client().charges().retrieve(id);
    }

    private static ApiProblem failed(StripeException e) {
        return ApiProblem.of(
                HttpStatus.BAD_GATEWAY,
                "stripe-error",
                "Stripe error",
                "Stripe answered: "
                        + (e.getStripeError() != null && e.getStripeError().getMessage() != null
                                ? e.getStripeError().getMessage()
                                : e.getClass().getSimpleName()),
                Map.of());
    }
}
