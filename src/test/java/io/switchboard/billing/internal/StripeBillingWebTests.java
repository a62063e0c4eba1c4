package io.switchboard.billing.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ApiClient;
import io.switchboard.support.ProviderFakesTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Stripe mode against a WireMock Stripe that checks what Stripe checks (Bearer secret key,
 * form-encoded parameters); webhooks signed here the way Stripe signs them.
 */
class StripeBillingWebTests extends ProviderFakesTest {

    @Autowired
    SubscriptionService subscriptions;

    @Autowired
    CreditAlerts alerts;

    // ---- signatures ----------------------------------------------------------------------------

    @Test
    void webhooksWithABadSignatureAreRefusedAndNothingIsStored() {
        String id = unique("evt_");
        String payload = event(id, "customer.created", Map.of("id", unique("cus_"), "object", "customer"));
        long now = Instant.now().getEpochSecond();
        assertThat(deliver(payload, signature("whsec_wrong", now, payload)).status())
                .isEqualTo(400);
        assertThat(deliver(payload, signature(STRIPE_WEBHOOK_SECRET, now - 301, payload))
                        .status())
                .as("stale")
                .isEqualTo(400);
        assertThat(deliver(payload, signature(STRIPE_WEBHOOK_SECRET, now + 330, payload))
                        .status())
                .as("from the future")
                .isEqualTo(400);
        assertThat(deliver(payload, null).status()).isEqualTo(400);
        assertThat(deliver(
                                payload.replace("customer.created", "customer.updated"),
                                signature(STRIPE_WEBHOOK_SECRET, now, payload))
                        .status())
                .as("tampered body")
                .isEqualTo(400);
        assertThat(stored(id)).isZero();

        var ok = deliver(payload, signature(STRIPE_WEBHOOK_SECRET, now - 250, payload));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(deliver(payload, signature(STRIPE_WEBHOOK_SECRET, now, payload))
                        .status())
                .as("replay")
                .isEqualTo(200);
        assertThat(stored(id)).isEqualTo(1);
        var problem = deliver(payload, signature("whsec_wrong", now, payload));
        assertThat(problem.json().get("type").asString()).endsWith("/invalid-signature");
    }

    // ---- subscription lifecycle -----------------------------------------------------------------

    @Test
    void aSubscriptionGoesFromCheckoutThroughDunningToCancellation() {
        JsonNode session = signup("Stripe Subscriber");
        String token = token(session);
        String orgId = session.get("organization").get("id").asString();
        String customer = unique("cus_");
        String checkout = unique("cs_");
        String sub = unique("sub_");
        stubCustomer(orgId, customer);
        PROVIDERS.stubFor(post(urlEqualTo("/stripe/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("mode", equalTo("subscription"))
                .withFormParam("customer", equalTo(customer))
                .withFormParam("line_items[0][price_data][unit_amount]", equalTo("1000"))
                .withFormParam("line_items[0][price_data][recurring][interval]", equalTo("month"))
                .withFormParam("subscription_data[metadata][plan_id]", equalTo("basic"))
                .willReturn(json(Map.of(
                        "id",
                        checkout,
                        "object",
                        "checkout.session",
                        "url",
                        "https://checkout.stripe.test/" + checkout))));

        var started = api.post("/api/v1/billing/checkout", Map.of("planId", "basic"), token);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().get("url").asString()).isEqualTo("https://checkout.stripe.test/" + checkout);
        assertThat(api.get("/api/v1/billing", token).json().get("mode").asString())
                .isEqualTo("stripe");

        // the customer pays: Stripe now reports the session complete and the subscription active
        PROVIDERS.stubFor(get(urlPathEqualTo("/stripe/v1/checkout/sessions/" + checkout))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .willReturn(json(Map.of(
                        "id",
                        checkout,
                        "object",
                        "checkout.session",
                        "mode",
                        "subscription",
                        "status",
                        "complete",
                        "payment_status",
                        "paid",
                        "customer",
                        customer,
                        "subscription",
                        sub,
                        "client_reference_id",
                        orgId,
                        "metadata",
                        Map.of("org_id", orgId, "plan_id", "basic")))));
        stubSubscription(sub, customer, orgId, "active");
        send("checkout.session.completed", Map.of("id", checkout, "object", "checkout.session"));
        awaitBilling(
                token,
                b -> b.get("plan").get("id").asString().equals("basic")
                        && b.get("status").asString().equals("active"));

        // a late "created" event (payload still says incomplete) must not undo the newer state
        send("customer.subscription.created", Map.of("id", sub, "object", "subscription", "status", "incomplete"));
        awaitProcessed();
        assertThat(api.get("/api/v1/billing", token).json().get("status").asString())
                .isEqualTo("active");

        // a renewal fails: past due with a grace period; then paid again
        stubSubscription(sub, customer, orgId, "past_due");
        send(
                "invoice.payment_failed",
                Map.of(
                        "id",
                        unique("in_"),
                        "object",
                        "invoice",
                        "customer",
                        customer,
                        "parent",
                        Map.of("subscription_details", Map.of("subscription", sub))));
        JsonNode pastDue = awaitBilling(token, b -> b.get("status").asString().equals("past_due"));
        assertThat(pastDue.get("graceUntil").isNull()).isFalse();
        assertThat(pastDue.get("usable").asBoolean())
                .as("still usable in the grace period")
                .isTrue();
        stubSubscription(sub, customer, orgId, "active");
        send("invoice.paid", Map.of("id", unique("in_"), "object", "invoice", "subscription", sub));
        JsonNode paid = awaitBilling(token, b -> b.get("status").asString().equals("active"));
        assertThat(paid.get("graceUntil").isNull()).isTrue();

        // the customer cancels in the portal
        stubSubscription(sub, customer, orgId, "canceled");
        send("customer.subscription.deleted", Map.of("id", sub, "object", "subscription"));
        JsonNode canceled = awaitBilling(token, b -> b.get("status").asString().equals("canceled"));
        assertThat(canceled.get("plan").get("id").asString()).isEqualTo("trial");
        assertThat(canceled.get("usable").asBoolean()).isFalse();
        var blocked = api.post("/api/v1/billing/usage/check", Map.of("limit", "aiReplies", "amount", 1), token);
        assertThat(blocked.status()).isEqualTo(429);
    }

    @Test
    void anUnpaidSubscriptionDropsToTrialAfterTheGracePeriod() {
        JsonNode session = signup("Late Payer");
        String token = token(session);
        String orgId = session.get("organization").get("id").asString();
        String customer = unique("cus_");
        String sub = unique("sub_");
        stubSubscription(sub, customer, orgId, "active");
        send("customer.subscription.updated", Map.of("id", sub, "object", "subscription"));
        awaitBilling(token, b -> b.get("plan").get("id").asString().equals("basic"));
        stubSubscription(sub, customer, orgId, "past_due");
        send("invoice.payment_failed", Map.of("id", unique("in_"), "object", "invoice", "subscription", sub));
        awaitBilling(token, b -> b.get("status").asString().equals("past_due"));

        subscriptions.downgradeOverdue(Instant.now().plus(Duration.ofDays(8)));
        JsonNode after = api.get("/api/v1/billing", token).json();
        assertThat(after.get("plan").get("id").asString()).isEqualTo("trial");
        assertThat(after.get("status").asString()).isEqualTo("expired");
    }

    // ---- credits --------------------------------------------------------------------------------

    @Test
    void aCreditTopUpPostsOnceAndARefundTakesItBack() {
        JsonNode session = signup("Credit Buyer");
        String token = token(session);
        String orgId = session.get("organization").get("id").asString();
        String customer = unique("cus_");
        String checkout = unique("cs_");
        String intent = unique("pi_");
        String charge = unique("ch_");
        stubCustomer(orgId, customer);
        PROVIDERS.stubFor(post(urlEqualTo("/stripe/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .withFormParam("mode", equalTo("payment"))
                .withFormParam("customer", equalTo(customer))
                .withFormParam("line_items[0][price_data][unit_amount]", equalTo("5000"))
                .withFormParam("metadata[purpose]", equalTo("credits"))
                .willReturn(json(Map.of(
                        "id",
                        checkout,
                        "object",
                        "checkout.session",
                        "url",
                        "https://checkout.stripe.test/" + checkout))));
        var started = api.post("/api/v1/credits/checkout", Map.of("amountMinor", 5000), token);
        assertThat(started.status()).isEqualTo(200);
        assertThat(api.post("/api/v1/credits/grants", Map.of("amountMinor", 100, "reason", "free"), token)
                        .status())
                .as("in stripe mode credits are bought, not self-granted")
                .isEqualTo(403);

        PROVIDERS.stubFor(get(urlPathEqualTo("/stripe/v1/checkout/sessions/" + checkout))
                .willReturn(json(Map.of(
                        "id",
                        checkout,
                        "object",
                        "checkout.session",
                        "mode",
                        "payment",
                        "status",
                        "complete",
                        "payment_status",
                        "paid",
                        "amount_total",
                        5000,
                        "customer",
                        customer,
                        "payment_intent",
                        intent,
                        "client_reference_id",
                        orgId,
                        "metadata",
                        Map.of("org_id", orgId, "purpose", "credits")))));
        String eventId = send("checkout.session.completed", Map.of("id", checkout, "object", "checkout.session"));
        resend(eventId, "checkout.session.completed", Map.of("id", checkout, "object", "checkout.session"));
        // Stripe may also deliver a second event for the same session (async payment succeeded)
        send("checkout.session.async_payment_succeeded", Map.of("id", checkout, "object", "checkout.session"));
        awaitProcessed();
        JsonNode credits = api.get("/api/v1/credits", token).json();
        assertThat(credits.get("balanceMinor").asLong()).isEqualTo(5000);

        PROVIDERS.stubFor(get(urlPathEqualTo("/stripe/v1/charges/" + charge))
                .willReturn(json(Map.of(
                        "id",
                        charge,
                        "object",
                        "charge",
                        "amount",
                        5000,
                        "amount_refunded",
                        2000,
                        "refunded",
                        false,
                        "customer",
                        customer,
                        "payment_intent",
                        intent))));
        send("charge.refunded", Map.of("id", charge, "object", "charge"));
        send("charge.refunded", Map.of("id", charge, "object", "charge"));
        awaitProcessed();
        assertThat(api.get("/api/v1/credits", token).json().get("balanceMinor").asLong())
                .isEqualTo(3000);
        JsonNode entries = api.get("/api/v1/credits/entries", token).json();
        assertThat(entries.get("items"))
                .extracting(e -> e.get("kind").asString())
                .containsExactly("refund", "top_up");
    }

    @Test
    void manualModeIsRefusedForCheckoutOnlyWithoutAKey() {
        // this context has a key: the customer portal answers a Stripe URL
        JsonNode session = signup("Portal User");
        String orgId = session.get("organization").get("id").asString();
        String customer = unique("cus_");
        stubCustomer(orgId, customer);
        PROVIDERS.stubFor(post(urlEqualTo("/stripe/v1/billing_portal/sessions"))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .withFormParam("customer", equalTo(customer))
                .willReturn(json(Map.of(
                        "id",
                        unique("bps_"),
                        "object",
                        "billing_portal.session",
                        "url",
                        "https://billing.stripe.test/p"))));
        var portal = api.post("/api/v1/billing/portal", Map.of(), token(session));
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.json().get("url").asString()).isEqualTo("https://billing.stripe.test/p");
        PROVIDERS.verify(
                postRequestedFor(urlEqualTo("/stripe/v1/customers")).withFormParam("metadata[org_id]", equalTo(orgId)));
    }

    @Test
    void aPayingOrganisationChangesPlanInPlaceWithProrations() {
        JsonNode session = signup("Plan Changer");
        String token = token(session);
        String orgId = session.get("organization").get("id").asString();
        String customer = unique("cus_");
        String sub = unique("sub_");
        stubSubscription(sub, customer, orgId, "active");
        subscriptions.applyStripe(
                UUID.fromString(orgId),
                sub,
                customer,
                "active",
                "basic",
                Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(29)),
                false);
        long end = Instant.now().plus(Duration.ofDays(29)).getEpochSecond();
        PROVIDERS.stubFor(post(urlEqualTo("/stripe/v1/subscriptions/" + sub))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .withHeader("Idempotency-Key", equalTo("plan-change-" + sub + "-price_basic-pro"))
                .withFormParam("items[0][id]", equalTo("si_" + sub))
                .withFormParam("items[0][price_data][unit_amount]", equalTo("2500"))
                .withFormParam("items[0][price_data][product]", equalTo("prod_switchboard"))
                .withFormParam("items[0][price_data][recurring][interval]", equalTo("month"))
                .withFormParam("proration_behavior", equalTo("create_prorations"))
                .withFormParam("metadata[plan_id]", equalTo("pro"))
                .willReturn(json(Map.of(
                        "id",
                        sub,
                        "object",
                        "subscription",
                        "status",
                        "active",
                        "customer",
                        customer,
                        "cancel_at_period_end",
                        false,
                        "metadata",
                        Map.of("org_id", orgId, "plan_id", "pro"),
                        "items",
                        Map.of(
                                "object",
                                "list",
                                "data",
                                java.util.List.of(Map.of(
                                        "id",
                                        "si_" + sub,
                                        "object",
                                        "subscription_item",
                                        "current_period_start",
                                        Instant.now().minus(Duration.ofDays(1)).getEpochSecond(),
                                        "current_period_end",
                                        end,
                                        "price",
                                        Map.of(
                                                "id",
                                                "price_pro_inline",
                                                "object",
                                                "price",
                                                "product",
                                                "prod_switchboard"))))))));

        var same = api.post("/api/v1/billing/checkout", Map.of("planId", "basic"), token);
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().get("errors").toString()).contains("already on Basic");

        var changed = api.post("/api/v1/billing/checkout", Map.of("planId", "pro"), token);
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.json().get("url").asString()).endsWith("/billing?checkout=changed");
        JsonNode billing = api.get("/api/v1/billing", token).json();
        assertThat(billing.get("plan").get("id").asString()).isEqualTo("pro");
        assertThat(billing.get("status").asString()).isEqualTo("active");
        PROVIDERS.verify(
                0,
                postRequestedFor(urlEqualTo("/stripe/v1/checkout/sessions"))
                        .withFormParam("customer", equalTo(customer)));
    }

    // ---- low balance and automatic top-up ---------------------------------------------------------

    @Test
    void aLowBalanceAlertsOnceAndAutoTopUpChargesTheSavedCardOnce() {
        JsonNode session = signup("Auto Topper");
        String token = token(session);
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        String ownerEmail = session.get("user").get("email").asString();
        String customer = unique("cus_");
        String intent = unique("pi_");
        subscriptions.setStripeCustomer(orgId, customer);
        PROVIDERS.stubFor(get(urlPathEqualTo("/stripe/v1/customers/" + customer))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .willReturn(json(Map.of(
                        "id",
                        customer,
                        "object",
                        "customer",
                        "invoice_settings",
                        Map.of("default_payment_method", "pm_card_visa")))));
        Map<String, Object> paid = Map.of(
                "id",
                intent,
                "object",
                "payment_intent",
                "status",
                "succeeded",
                "amount",
                2000,
                "amount_received",
                2000,
                "currency",
                "usd",
                "customer",
                customer,
                "metadata",
                Map.of("org_id", orgId.toString(), "purpose", "credits_auto"));
        PROVIDERS.stubFor(post(urlEqualTo("/stripe/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .withHeader("Idempotency-Key", matching("auto-top-up-" + orgId + "-\\d+"))
                .withFormParam("customer", equalTo(customer))
                .withFormParam("amount", equalTo("2000"))
                .withFormParam("currency", equalTo("usd"))
                .withFormParam("payment_method", equalTo("pm_card_visa"))
                .withFormParam("off_session", equalTo("true"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("metadata[purpose]", equalTo("credits_auto"))
                .willReturn(json(paid)));
        PROVIDERS.stubFor(get(urlPathEqualTo("/stripe/v1/payment_intents/" + intent))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .willReturn(json(paid)));

        var half = api.put(
                "/api/v1/credits/settings", Map.of("lowBalanceThresholdMinor", 500, "autoTopUpBelowMinor", 300), token);
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.json().get("errors").toString()).contains("autoTopUpAmountMinor");
        var settings = api.put(
                "/api/v1/credits/settings",
                Map.of("lowBalanceThresholdMinor", 500, "autoTopUpBelowMinor", 300, "autoTopUpAmountMinor", 2000),
                token);
        assertThat(settings.status()).as(settings.raw()).isEqualTo(200);
        assertThat(settings.json().get("lowBalance").asBoolean()).isTrue();
        assertThat(settings.json().get("autoTopUp").get("enabled").asBoolean()).isTrue();

        // balance 0: below both the alert threshold and the auto top-up line
        alerts.scan();
        assertThat(api.get("/api/v1/credits", token)
                        .json()
                        .get("availableMinor")
                        .asLong())
                .isEqualTo(2000);
        alerts.scan();
        alerts.scan();
        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo("/stripe/v1/payment_intents"))
                        .withFormParam("customer", equalTo(customer)));
        // the webhook for the same payment arrives late: credited once only
        send("payment_intent.succeeded", paid);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> ownerDb()
                                .fetchCount(
                                        org.jooq.impl.DSL.table("stripe_events"),
                                        org.jooq.impl.DSL.field("processed_at").isNotNull(),
                                        org.jooq.impl.DSL.field("org_id").eq(orgId))
                        >= 1);
        JsonNode entries = api.get("/api/v1/credits/entries", token).json();
        assertThat(entries.get("items"))
                .extracting(e -> e.get("kind").asString())
                .containsExactly("top_up");
        assertThat(api.get("/api/v1/credits", token)
                        .json()
                        .get("availableMinor")
                        .asLong())
                .isEqualTo(2000);

        // the low-balance alert went out once, by e-mail to the owner
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lowBalanceMails(orgId, ownerEmail) == 1);
        alerts.scan();
        assertThat(lowBalanceMails(orgId, ownerEmail)).isEqualTo(1);
    }

    @Test
    void aDeclinedAutoTopUpIsShownAndMailedAndNotRetriedAtOnce() {
        JsonNode session = signup("Declined Card");
        String token = token(session);
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        String customer = unique("cus_");
        subscriptions.setStripeCustomer(orgId, customer);
        PROVIDERS.stubFor(get(urlPathEqualTo("/stripe/v1/customers/" + customer))
                .willReturn(json(Map.of(
                        "id",
                        customer,
                        "object",
                        "customer",
                        "invoice_settings",
                        Map.of("default_payment_method", "pm_card_declined")))));
        PROVIDERS.stubFor(
                post(urlEqualTo("/stripe/v1/payment_intents"))
                        .withFormParam("customer", equalTo(customer))
                        .willReturn(
                                aResponse()
                                        .withStatus(402)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                                                        + "\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\"}}")));
        assertThat(api.put(
                                "/api/v1/credits/settings",
                                Map.of("autoTopUpBelowMinor", 100, "autoTopUpAmountMinor", 1000),
                                token)
                        .status())
                .isEqualTo(200);

        alerts.scan();
        alerts.scan();
        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo("/stripe/v1/payment_intents"))
                        .withFormParam("customer", equalTo(customer)));
        JsonNode auto = api.get("/api/v1/credits", token).json().get("autoTopUp");
        assertThat(auto.get("lastError").asString()).contains("insufficient funds");
        assertThat(auto.get("lastAttemptAt").isNull()).isFalse();
        assertThat(api.get("/api/v1/credits", token)
                        .json()
                        .get("availableMinor")
                        .asLong())
                .isZero();
        assertThat(ownerDb()
                        .fetchCount(
                                org.jooq.impl.DSL.table("outbound_emails"),
                                org.jooq.impl.DSL.field("org_id").eq(orgId),
                                org.jooq.impl.DSL.field("subject").eq("Switchboard: automatic credit top-up failed")))
                .isEqualTo(1);
    }

    private int lowBalanceMails(UUID orgId, String to) {
        return ownerDb()
                .fetchCount(
                        org.jooq.impl.DSL.table("outbound_emails"),
                        org.jooq.impl.DSL.field("org_id").eq(orgId),
                        org.jooq.impl.DSL.field("to_address").eq(to),
                        org.jooq.impl.DSL.field("subject").eq("Switchboard: credits are running low"));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void stubCustomer(String orgId, String customer) {
        PROVIDERS.stubFor(post(urlEqualTo("/stripe/v1/customers"))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .withFormParam("metadata[org_id]", equalTo(orgId))
                .willReturn(json(Map.of("id", customer, "object", "customer"))));
    }

    private void stubSubscription(String sub, String customer, String orgId, String status) {
        long start = Instant.now().minus(Duration.ofDays(1)).getEpochSecond();
        long end = Instant.now().plus(Duration.ofDays(29)).getEpochSecond();
        PROVIDERS.stubFor(get(urlPathEqualTo("/stripe/v1/subscriptions/" + sub))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .willReturn(json(Map.of(
                        "id",
                        sub,
                        "object",
                        "subscription",
                        "status",
                        status,
                        "customer",
                        customer,
                        "cancel_at_period_end",
                        false,
                        "metadata",
                        Map.of("org_id", orgId, "plan_id", "basic"),
                        "items",
                        Map.of(
                                "object",
                                "list",
                                "data",
                                java.util.List.of(Map.of(
                                        "id",
                                        "si_" + sub,
                                        "object",
                                        "subscription_item",
                                        "current_period_start",
                                        start,
                                        "current_period_end",
                                        end,
                                        "price",
                                        Map.of(
                                                "id",
                                                "price_basic",
                                                "object",
                                                "price",
                                                "product",
                                                "prod_switchboard"))))))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(Object body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body));
    }

    private String send(String type, Map<String, Object> object) {
        String id = unique("evt_");
        resend(id, type, object);
        return id;
    }

    private void resend(String id, String type, Map<String, Object> object) {
        String payload = event(id, type, object);
        var response =
                deliver(payload, signature(STRIPE_WEBHOOK_SECRET, Instant.now().getEpochSecond(), payload));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    private static String event(String id, String type, Map<String, Object> object) {
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .writeValueAsString(Map.of(
                        "id",
                        id,
                        "object",
                        "event",
                        "type",
                        type,
                        "api_version",
                        "2025-10-29.clover",
                        "created",
                        Instant.now().getEpochSecond(),
                        "data",
                        Map.of("object", object)));
    }

    private ApiClient.Response deliver(String payload, String signature) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (signature != null) request.header("Stripe-Signature", signature);
        return api.send(request);
    }

    /** Computed here independently of the application: HMAC-SHA256 over "t.payload". */
    private static String signature(String secret, long t, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String v1 = HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return "t=" + t + ",v1=" + v1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int stored(String id) {
        return ownerDb()
                .fetchCount(
                        org.jooq.impl.DSL.table("stripe_events"),
                        org.jooq.impl.DSL.field("id").eq(id));
    }

    private void awaitProcessed() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> ownerDb()
                                .fetchCount(
                                        org.jooq.impl.DSL.table("stripe_events"),
                                        org.jooq.impl.DSL.field("processed_at").isNull(),
                                        org.jooq.impl.DSL.field("attempts").lt(1))
                        == 0);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> ownerDb()
                                .fetchCount(
                                        org.jooq.impl.DSL.table("stripe_events"),
                                        org.jooq.impl.DSL.field("processed_at").isNull(),
                                        org.jooq.impl.DSL.field("id").like("evt_%"),
                                        org.jooq.impl.DSL.field("last_error").isNull())
                        == 0);
    }

    private JsonNode awaitBilling(String token, java.util.function.Predicate<JsonNode> condition) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/billing", token).json(), condition);
    }

    @SuppressWarnings("unused")
    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
