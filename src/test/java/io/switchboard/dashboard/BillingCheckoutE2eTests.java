package io.switchboard.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.support.DashboardBrowserTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upgrading through a fake Stripe Checkout page: the dashboard's Upgrade button goes to the page the
 * (WireMock) Stripe returned, Stripe's webhook arrives signed, and the page's return link brings the
 * browser back to Billing on the new plan.
 */
class BillingCheckoutE2eTests extends DashboardBrowserTest {

    static final WireMockServer STRIPE = start();
    static final String KEY = "sk_test_checkout_e2e";
    static final String SECRET = "whsec_checkout_e2e";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("switchboard.billing.stripe-secret-key", () -> KEY);
        registry.add("switchboard.billing.stripe-webhook-secret", () -> SECRET);
        registry.add("switchboard.billing.stripe-base-url", () -> STRIPE.baseUrl());
        registry.add("switchboard.billing.stripe-poll-interval", () -> "200ms");
    }

    private static WireMockServer start() {
        var server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    @Test
    void anUpgradeGoesThroughCheckoutAndComesBackOnTheNewPlan() throws Exception {
        String email = "upgrade-" + UUID.randomUUID() + "@example.test";
        var session = api.post(
                        "/api/v1/auth/signup",
                        Map.of(
                                "email", email,
                                "password", "correct horse battery",
                                "name", "Una Upgrader",
                                "organizationName", "Upgrade Ltd"),
                        null)
                .json();
        String orgId = session.get("organization").get("id").asString();
        String customer = "cus_" + UUID.randomUUID().toString().substring(0, 8);
        String checkout = "cs_" + UUID.randomUUID().toString().substring(0, 8);
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
        STRIPE.stubFor(post(urlEqualTo("/v1/customers"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withFormParam("metadata[org_id]", equalTo(orgId))
                .willReturn(json(Map.of("id", customer, "object", "customer"))));
        STRIPE.stubFor(post(urlEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withFormParam("mode", equalTo("subscription"))
                .withFormParam("customer", equalTo(customer))
                .withFormParam("subscription_data[metadata][plan_id]", equalTo("pro"))
                .willReturn(json(Map.of(
                        "id", checkout, "object", "checkout.session", "url", STRIPE.baseUrl() + "/pay/" + checkout))));
        // the hosted checkout page: a pay link that returns to the success URL
        STRIPE.stubFor(get(urlEqualTo("/pay/" + checkout))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/html")
                        .withBody("<!doctype html><title>Fake Checkout</title><h1>Pay Switchboard Pro</h1>"
                                + "<a href=\"http://localhost:" + port
                                + "/billing?checkout=success\">Pay $25.00</a>")));
        STRIPE.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/" + checkout))
                .willReturn(json(Map.of(
                        "id",
                        checkout,
                        "object",
                        "checkout.session",
                        "mode",
                        "subscription",
                        "payment_status",
                        "paid",
                        "customer",
                        customer,
                        "subscription",
                        sub,
                        "client_reference_id",
                        orgId,
                        "metadata",
                        Map.of("org_id", orgId, "plan_id", "pro")))));
        long now = Instant.now().getEpochSecond();
        STRIPE.stubFor(get(urlPathEqualTo("/v1/subscriptions/" + sub))
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
                                List.of(Map.of(
                                        "id",
                                        "si_" + sub,
                                        "object",
                                        "subscription_item",
                                        "current_period_start",
                                        now,
                                        "current_period_end",
                                        now + 30 * 86_400,
                                        "price",
                                        Map.of("id", "price_pro", "object", "price"))))))));

        page.navigate("/");
        page.waitForURL("**/login**");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill("correct horse battery");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        assertThat(page.getByTestId("user-name")).isVisible();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(
                        AriaRole.LINK,
                        new Locator.GetByRoleOptions().setName("Billing").setExact(true))
                .click();
        assertThat(page.getByTestId("billing-mode")).hasText("Stripe billing");
        assertThat(page.getByTestId("current-plan")).hasText("Trial");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upgrade to Pro"))
                .click();
        page.waitForURL("**/pay/" + checkout);
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("Pay Switchboard Pro");

        // Stripe tells the server, signed, while the customer is on its page
        String payload = JSON.writeValueAsString(Map.of(
                "id",
                "evt_" + UUID.randomUUID(),
                "object",
                "event",
                "type",
                "checkout.session.completed",
                "data",
                Map.of("object", Map.of("id", checkout, "object", "checkout.session"))));
        var delivered = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", signature(payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)));
        org.assertj.core.api.Assertions.assertThat(delivered.status()).isEqualTo(200);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/v1/billing", token(session))
                                .json()
                                .get("plan")
                                .get("id")
                                .asString(),
                        "pro"::equals);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pay $25.00"))
                .click();
        page.waitForURL("**/billing?checkout=success");
        assertThat(page.getByTestId("current-plan")).hasText("Pro");
        assertThat(page.getByTestId("usage-aiReplies")).containsText("/ 1,000");
    }

    private static String signature(String payload) throws Exception {
        long t = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1="
                + HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(Object body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(body));
    }
}
