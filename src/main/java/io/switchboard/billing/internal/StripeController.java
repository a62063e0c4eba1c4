package io.switchboard.billing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.billing.internal.PlanCatalog.Plan;
import io.switchboard.billing.internal.SubscriptionService.Subscription;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.web.PublicUrls;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stripe Checkout (plans and credit top-ups), the customer portal and the webhook. */
@RestController
class StripeController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.util.Set<String> CHANGEABLE = java.util.Set.of("active", "trialing", "past_due");

    private final StripeGateway stripe;
    private final StripeEventWorker events;
    private final SubscriptionService subscriptions;
    private final PlanCatalog plans;
    private final BillingProperties properties;
    private final PublicUrls urls;

    StripeController(
            StripeGateway stripe,
            StripeEventWorker events,
            SubscriptionService subscriptions,
            PlanCatalog plans,
            BillingProperties properties,
            PublicUrls urls) {
        this.stripe = stripe;
        this.events = events;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.properties = properties;
        this.urls = urls;
    }

    record PlanCheckoutRequest(@NotBlank String planId) {}

    record CreditCheckoutRequest(
            @NotNull @Min(100) @Max(1_000_000) @Schema(description = "credits to buy, minor units (1.00 to 10,000.00)")
            Long amountMinor) {}

    record RedirectUrl(
            @Schema(description = "send the browser here") String url) {}

    @PostMapping("/api/v1/billing/checkout")
    @Tag(name = "Billing")
    @Operation(
            summary = "Start a Stripe Checkout for a plan subscription (admins, stripe mode); answers its URL. "
                    + "With a paid subscription already running, changes its plan in place with prorations instead")
    RedirectUrl planCheckout(@Valid @RequestBody PlanCheckoutRequest request) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        Plan plan = plans.find(request.planId())
                .filter(Plan::isPublic)
                .orElseThrow(() -> ApiProblem.invalidField("planId", "no such plan: " + request.planId()));
        if (plan.trial()) throw ApiProblem.invalidField("planId", "the trial can't be bought");
        var current = subscriptions.current(principal.orgId());
        if (current.stripeSubscriptionId() != null && CHANGEABLE.contains(current.status())) {
            if (current.planId().equals(plan.id())) {
                throw ApiProblem.invalidField("planId", "the organisation is already on " + plan.name());
            }
            // a paying customer changes plan in place, prorated; no second subscription, no checkout
            events.apply(stripe.changePlan(current.stripeSubscriptionId(), plan));
            return new RedirectUrl(urls.base() + "/billing?checkout=changed");
        }
        String customer = customer(principal);
        var session = stripe.subscriptionCheckout(
                principal.orgId(),
                customer,
                plan,
                urls.base() + "/billing?checkout=success",
                urls.base() + "/billing?checkout=cancelled");
        return new RedirectUrl(session.getUrl());
    }

    @PostMapping("/api/v1/credits/checkout")
    @Tag(name = "Credits")
    @Operation(summary = "Start a Stripe Checkout to buy credits (admins, stripe mode); answers its URL")
    RedirectUrl creditCheckout(@Valid @RequestBody CreditCheckoutRequest request) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        String customer = customer(principal);
        var session = stripe.creditCheckout(
                principal.orgId(),
                customer,
                request.amountMinor(),
                properties.currencyCode(),
                urls.base() + "/billing?topup=success",
                urls.base() + "/billing?topup=cancelled");
        return new RedirectUrl(session.getUrl());
    }

    @PostMapping("/api/v1/billing/portal")
    @Tag(name = "Billing")
    @Operation(summary = "A Stripe customer-portal URL (payment methods, invoices, cancellation; admins)")
    RedirectUrl portal() {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        return new RedirectUrl(stripe.portal(customer(principal), urls.base() + "/billing"));
    }

    @PostMapping("/webhooks/stripe")
    @Tag(name = "Webhooks")
    @SecurityRequirements
    @Operation(
            summary = "Stripe webhook: signature verified, event stored, then 200; processed in the background",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(type = "string", format = "byte"))))
    ResponseEntity<Void> webhook(HttpServletRequest http) throws IOException {
        String secret = properties.stripeWebhookSecret();
        if (secret == null || secret.isBlank()) {
            throw ApiProblem.of(
                    HttpStatus.NOT_FOUND,
                    "stripe-not-configured",
                    "Stripe webhooks are off",
                    "STRIPE_WEBHOOK_SECRET is not set on this server",
                    Map.of());
        }
        // the exact bytes Stripe signed
        byte[] raw = http.getInputStream().readAllBytes();
        var result = StripeSignature.verify(
                http.getHeader("Stripe-Signature"), raw, secret, properties.tolerance(), Instant.now());
        if (result instanceof StripeSignature.Invalid(String reason)) {
            throw ApiProblem.badRequest("invalid-signature", "Stripe-Signature: " + reason);
        }
        JsonNode event;
        try {
            event = JSON.readTree(new String(raw, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("invalid-event", "The body is not a JSON event");
        }
        String id = event.path("id").asString("");
        String type = event.path("type").asString("");
        if (id.isBlank() || type.isBlank()) {
            throw ApiProblem.badRequest("invalid-event", "The event has no id or type");
        }
        events.store(id, type, new String(raw, StandardCharsets.UTF_8));
        return ResponseEntity.ok().build();
    }

    private String customer(CurrentPrincipal principal) {
        if (!properties.stripeEnabled()) {
            throw ApiProblem.conflict(
                    "billing-manual-mode",
                    "Billing runs in manual mode (no STRIPE_SECRET_KEY): an administrator assigns plans and grants credits");
        }
        UUID orgId = principal.orgId();
        Subscription s = subscriptions.current(orgId);
        if (s.stripeCustomerId() != null) return s.stripeCustomerId();
        String id = stripe.createCustomer(orgId, "Switchboard organisation " + orgId);
        subscriptions.setStripeCustomer(orgId, id);
        return id;
    }
}
