package io.switchboard.billing.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.llm.LlmFakes;
import io.switchboard.support.ApiClient;
import io.switchboard.support.ProviderFakesTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contact plans in stripe mode against the WireMock Stripe: the agent sends a Checkout link when a
 * contact's free allowance is used up (without calling the LLM), and signed webhooks naming a
 * contact activate and cancel the plan on that contact, also on an organisation's own Stripe account.
 */
class ContactPlansStripeWebTests extends ProviderFakesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String newPhone() {
        return "+1415555" + String.format("%04d", ThreadLocalRandom.current().nextInt(100, 10000));
    }

    private JsonNode plan(String token, Map<String, Object> fields) {
        var body = new HashMap<String, Object>(Map.of("priceMinor", 0));
        body.putAll(fields);
        var created = api.post("/api/v1/contact-plans", body, token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json();
    }

    private List<JsonNode> agentMessages(String token, String conversationId) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/v1/conversations/" + conversationId + "/messages?size=100", token)
                .json()
                .get("items")
                .forEach(m -> {
                    if ("agent".equals(m.get("senderType").asString())) out.add(m);
                });
        return out.reversed();
    }

    @Test
    void overTheFreeAllowanceTheAgentSendsACheckoutLinkAndTheLlmIsNotCalled() {
        String token = token(signup("Contact checkout"));
        String prefix = unique("/contact-llm-");
        LlmFakes.openAi(PROVIDERS, prefix, "sk-contact", LlmFakes.openAiAnswer("The pool opens at 8.", 40, 6));
        String provider = api.post(
                        "/api/v1/llm/providers",
                        Map.of(
                                "type", "openai",
                                "name", "Fake OpenAI",
                                "baseUrl", PROVIDERS.baseUrl() + prefix + "/v1",
                                "apiKey", "sk-contact",
                                "model", "gpt-4o-mini"),
                        token)
                .json()
                .get("id")
                .asString();
        String agentId = api.post(
                        "/api/v1/agents",
                        Map.of("name", "Concierge", "settings", Map.of("llmChain", List.of(provider))),
                        token)
                .json()
                .get("id")
                .asString();
        String channelId = api.post(
                        "/api/v1/channels", Map.of("type", "sandbox", "name", "Sandbox", "agentId", agentId), token)
                .json()
                .get("id")
                .asString();
        plan(token, Map.of("name", "Free", "aiReplies", 1, "freeAllowance", true));
        JsonNode pro = plan(token, Map.of("name", "Pro", "priceMinor", 2500, "aiReplies", 1000, "historyDays", 90));
        String checkout = unique("cs_");
        PROVIDERS.stubFor(post(urlEqualTo("/stripe/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .withHeader("Stripe-Account", absent())
                .withFormParam("mode", equalTo("subscription"))
                .withFormParam("metadata[purpose]", equalTo("contact_plan"))
                .withFormParam(
                        "metadata[contact_plan_id]", equalTo(pro.get("id").asString()))
                .withFormParam("subscription_data[metadata][contact_id]", matching("[0-9a-f-]{36}"))
                .withFormParam("line_items[0][price_data][unit_amount]", equalTo("2500"))
                .willReturn(json(Map.of(
                        "id",
                        checkout,
                        "object",
                        "checkout.session",
                        "url",
                        "https://checkout.stripe.test/" + checkout))));

        String phone = newPhone();
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", phone, "text", "When does the pool open?"),
                token);
        String conversationId = awaitOnlyConversation(token);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> agentMessages(token, conversationId).size() == 1);
        assertThat(agentMessages(token, conversationId)
                        .getFirst()
                        .get("content")
                        .get("body")
                        .asString())
                .isEqualTo("The pool opens at 8.");
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", phone, "text", "And the gym?"),
                token);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> agentMessages(token, conversationId).size() == 2);

        String notice = agentMessages(token, conversationId)
                .get(1)
                .get("content")
                .get("body")
                .asString();
        assertThat(notice)
                .contains("used the 1 free replies")
                .contains("Upgrade to Pro: 1,000 replies per 30 days, USD 25.00: https://checkout.stripe.test/"
                        + checkout);
        // one LLM call for the first message, none for the second
        assertThat(PROVIDERS.findAll(postRequestedFor(urlEqualTo(prefix + "/v1/chat/completions"))))
                .hasSize(1);
        String contactId = api.get("/api/v1/conversations/" + conversationId, token)
                .json()
                .get("contactId")
                .asString();
        PROVIDERS.verify(postRequestedFor(urlEqualTo("/stripe/v1/checkout/sessions"))
                .withFormParam("metadata[contact_id]", equalTo(contactId))
                .withFormParam("success_url", matching(".*/portal/.*checkout=success")));
    }

    @Test
    void aSignedCheckoutWebhookNamingAContactActivatesThePlanOnTheOrganisationsOwnStripeAccount() {
        JsonNode session = signup("Contact webhook");
        String token = token(session);
        String orgId = session.get("organization").get("id").asString();
        String account = "acct_" + unique("").toUpperCase();
        assertThat(api.put("/api/v1/contact-plans/settings", Map.of("stripeAccountId", account), token)
                        .status())
                .isEqualTo(200);
        plan(token, Map.of("name", "Free", "aiReplies", 10, "historyDays", 7, "freeAllowance", true));
        JsonNode pro = plan(token, Map.of("name", "Pro", "priceMinor", 2500, "aiReplies", 1000, "historyDays", 90));
        String contactId = api.post("/api/v1/contacts", Map.of("name", "Resident", "phone", newPhone()), token)
                .json()
                .get("id")
                .asString();
        String checkout = unique("cs_");
        String sub = unique("sub_");
        String customer = unique("cus_");
        Map<String, String> metadata = Map.of(
                "org_id",
                orgId,
                "purpose",
                "contact_plan",
                "contact_id",
                contactId,
                "contact_plan_id",
                pro.get("id").asString());
        // objects of a connected account are only readable with its Stripe-Account header
        PROVIDERS.stubFor(get(urlPathEqualTo("/stripe/v1/checkout/sessions/" + checkout))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .withHeader("Stripe-Account", equalTo(account))
                .willReturn(json(Map.of(
                        "id", checkout,
                        "object", "checkout.session",
                        "mode", "subscription",
                        "status", "complete",
                        "payment_status", "paid",
                        "customer", customer,
                        "subscription", sub,
                        "client_reference_id", contactId,
                        "metadata", metadata))));
        stubSubscription(sub, customer, account, "active", metadata);

        String eventId =
                send("checkout.session.completed", Map.of("id", checkout, "object", "checkout.session"), account);
        var active =
                awaitContact(token, contactId, s -> !s.get("onFreeAllowance").asBoolean());
        assertThat(active.get("plan").get("name").asString()).isEqualTo("Pro");
        assertThat(active.get("subscription").get("status").asString()).isEqualTo("active");
        assertThat(active.get("subscription").get("source").asString()).isEqualTo("stripe");
        assertThat(active.get("subscription").get("stripeSubscriptionId").asString())
                .isEqualTo(sub);
        assertThat(active.get("subscription").get("stripeAccountId").asString()).isEqualTo(account);
        assertThat(active.get("historyDays").asInt()).isEqualTo(90);
        // the organisation's own plan is untouched
        assertThat(api.get("/api/v1/billing", token)
                        .json()
                        .get("plan")
                        .get("id")
                        .asString())
                .isEqualTo("trial");

        // a replay of the same event is stored once and changes nothing
        resend(eventId, "checkout.session.completed", Map.of("id", checkout, "object", "checkout.session"), account);
        assertThat(ownerDb()
                        .fetchCount(
                                org.jooq.impl.DSL.table("stripe_events"),
                                org.jooq.impl.DSL.field("id").eq(eventId)))
                .isEqualTo(1);

        // the same metadata from another connected account must not touch this organisation
        String otherSub = unique("sub_");
        String otherAccount = "acct_" + unique("").toUpperCase();
        stubSubscription(otherSub, customer, otherAccount, "active", metadata);
        String forged =
                send("customer.subscription.updated", Map.of("id", otherSub, "object", "subscription"), otherAccount);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ownerDb()
                                .fetchCount(
                                        org.jooq.impl.DSL.table("stripe_events"),
                                        org.jooq.impl.DSL.field("id").eq(forged),
                                        org.jooq.impl.DSL.field("processed_at").isNotNull())
                        == 1);
        assertThat(api.get("/api/v1/contact-plans/contacts/" + contactId, token)
                        .json()
                        .get("subscription")
                        .get("stripeSubscriptionId")
                        .asString())
                .isEqualTo(sub);

        // the contact cancels in Stripe: the plan ends and the free allowance applies again
        stubSubscription(sub, customer, account, "canceled", metadata);
        send("customer.subscription.deleted", Map.of("id", sub, "object", "subscription"), account);
        var cancelled = awaitContact(
                token,
                contactId,
                s -> s.get("subscription").get("status").asString().equals("cancelled"));
        assertThat(cancelled.get("onFreeAllowance").asBoolean()).isTrue();
        assertThat(cancelled.get("historyDays").asInt()).isEqualTo(7);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private JsonNode awaitContact(String token, String contactId, java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/v1/contact-plans/contacts/" + contactId, token)
                                .json(),
                        condition);
    }

    private void stubSubscription(
            String sub, String customer, String account, String status, Map<String, String> metadata) {
        long start = Instant.now().minus(Duration.ofDays(1)).getEpochSecond();
        long end = Instant.now().plus(Duration.ofDays(29)).getEpochSecond();
        PROVIDERS.stubFor(get(urlPathEqualTo("/stripe/v1/subscriptions/" + sub))
                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                .withHeader("Stripe-Account", equalTo(account))
                .willReturn(json(Map.of(
                        "id", sub,
                        "object", "subscription",
                        "status", status,
                        "customer", customer,
                        "cancel_at_period_end", false,
                        "metadata", metadata,
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
                                                start,
                                                "current_period_end",
                                                end,
                                                "price",
                                                Map.of("id", "price_contact_pro", "object", "price"))))))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(Object body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(JSON.writeValueAsString(body));
    }

    private String send(String type, Map<String, Object> object, @Nullable String account) {
        String id = unique("evt_");
        resend(id, type, object, account);
        return id;
    }

    private void resend(String id, String type, Map<String, Object> object, @Nullable String account) {
        var event = new HashMap<String, Object>(Map.of(
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
        if (account != null) event.put("account", account);
        String payload = JSON.writeValueAsString(event);
        var response =
                deliver(payload, signature(STRIPE_WEBHOOK_SECRET, Instant.now().getEpochSecond(), payload));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    private ApiClient.Response deliver(String payload, String signature) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/stripe"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        return api.send(request);
    }

    /** Computed here independently of the application: HMAC-SHA256 over "t.payload", as Stripe signs. */
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
}
