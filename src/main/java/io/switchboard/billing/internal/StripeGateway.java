package io.switchboard.billing.internal;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
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
     * Charges the customer's default card off-session for an automatic credit top-up. Answers the
     * PaymentIntent (status succeeded when paid at once); a declined card comes back as a
     * StripeException with the card error.
     */
    PaymentIntent chargeSavedCard(UUID orgId, String customerId, long amountMinor, String currency, String key)
            throws StripeException {
        Customer customer = client().customers().retrieve(customerId);
        String paymentMethod = customer.getInvoiceSettings() == null
                ? null
                : customer.getInvoiceSettings().getDefaultPaymentMethod();
        if (paymentMethod == null) {
            throw ApiProblem.conflict(
                    "no-payment-method",
                    "No default payment method is saved with Stripe; add one in the billing portal");
        }
        return client().paymentIntents()
                .create(
                        PaymentIntentCreateParams.builder()
                                .setAmount(amountMinor)
                                .setCurrency(currency.toLowerCase(Locale.ROOT))
                                .setCustomer(customerId)
                                .setPaymentMethod(paymentMethod)
                                .setOffSession(true)
                                .setConfirm(true)
                                .setDescription("Switchboard credits (automatic top-up)")
                                .putMetadata("org_id", orgId.toString())
                                .putMetadata("purpose", "credits_auto")
                                .build(),
                        RequestOptions.builder().setIdempotencyKey(key).build());
    }

    /**
     * Moves an existing subscription to another plan with prorations (Stripe credits the unused time
     * of the old price on the next invoice), keeping the subscription, its card and its cycle.
     */
    Subscription changePlan(String subscriptionId, Plan plan) {
        if (plan.priceMinor() == null) {
            throw ApiProblem.badRequest("custom-price", "The " + plan.name() + " plan has a custom price: contact us");
        }
        try {
            Subscription current = client().subscriptions().retrieve(subscriptionId);
            SubscriptionItem item = current.getItems().getData().getFirst();
            var itemParams = SubscriptionUpdateParams.Item.builder().setId(item.getId());
            if (plan.stripePriceId() != null) {
                itemParams.setPrice(plan.stripePriceId());
            } else {
                var recurring = SubscriptionUpdateParams.Item.PriceData.Recurring.builder();
                if (plan.periodDays() >= 28 && plan.periodDays() <= 31) {
                    recurring.setInterval(SubscriptionUpdateParams.Item.PriceData.Recurring.Interval.MONTH);
                } else {
                    recurring
                            .setInterval(SubscriptionUpdateParams.Item.PriceData.Recurring.Interval.DAY)
                            .setIntervalCount((long) plan.periodDays());
                }
                // a subscription item's inline price needs a product id: keep the item's product
                itemParams.setPriceData(SubscriptionUpdateParams.Item.PriceData.builder()
                        .setCurrency(plan.currency().toLowerCase(Locale.ROOT))
                        .setUnitAmount(plan.priceMinor())
                        .setProduct(item.getPrice().getProduct())
                        .setRecurring(recurring.build())
                        .build());
            }
            return client().subscriptions()
                    .update(
                            subscriptionId,
                            SubscriptionUpdateParams.builder()
                                    .addItem(itemParams.build())
                                    .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.CREATE_PRORATIONS)
                                    .setCancelAtPeriodEnd(false)
                                    .putMetadata("plan_id", plan.id())
                                    .build(),
                            RequestOptions.builder()
                                    // the same change from the same price is one request, however often retried
                                    .setIdempotencyKey("plan-change-" + subscriptionId + "-"
                                            + item.getPrice().getId() + "-" + plan.id())
                                    .build());
        } catch (StripeException e) {
            throw failed(e);
        }
    }

    PaymentIntent paymentIntent(String id) throws StripeException {
        return client().paymentIntents().retrieve(id);
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
