package io.switchboard.campaigns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.billing.Credits;
import io.switchboard.support.ApiClient;
import io.switchboard.support.ProviderFakesTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * WhatsApp templates against a Graph API fake that checks what Meta checks (path with the WABA id,
 * bearer token, body shape with examples); review outcomes by signed webhook and by polling; a
 * campaign's credits checked up front, then template messages sent through the channel.
 */
class WhatsAppTemplatesWebTests extends ProviderFakesTest {

    @Autowired
    Credits credits;

    private String token;
    private String orgId;
    private String channelId;
    private String phoneNumberId;
    private String wabaId;
    private String accessToken;
    private String appSecret;

    @BeforeEach
    void whatsAppChannel() {
        var session = signup("Template Org");
        token = token(session);
        orgId = session.get("organization").get("id").asString();
        phoneNumberId = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        wabaId = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        accessToken = "EAAG" + UUID.randomUUID();
        appSecret = "app-secret-" + UUID.randomUUID();
        var created = api.post(
                "/api/v1/channels",
                Map.of(
                        "type",
                        "whatsapp_cloud",
                        "name",
                        "Marketing line",
                        "config",
                        Map.of(
                                "phoneNumberId", phoneNumberId,
                                "wabaId", wabaId,
                                "accessToken", accessToken,
                                "appSecret", appSecret,
                                "verifyToken", "verify-" + UUID.randomUUID())),
                token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        channelId = created.json().get("id").asString();
    }

    private String createTemplate(String name) {
        var created = api.post(
                "/api/v1/templates",
                Map.of(
                        "channelId", channelId,
                        "name", name,
                        "language", "en_US",
                        "category", "marketing",
                        "header", "Order update",
                        "body", "Hello {{1}}, your order {{2}} is ready",
                        "footer", "Reply STOP to opt out",
                        "buttons", List.of(Map.of("type", "quick_reply", "text", "Thanks")),
                        "variables",
                                List.of(Map.of("name", "1", "sample", "Ada"), Map.of("name", "2", "sample", "A-17"))),
                token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("draft");
        assertThat(created.json().get("usable").asBoolean()).isFalse();
        return created.json().get("id").asString();
    }

    private String submit(String templateId, String name, String providerId) {
        PROVIDERS.stubFor(post(urlEqualTo("/graph/v21.0/" + wabaId + "/message_templates"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .withRequestBody(matchingJsonPath("$.language", equalTo("en_US")))
                .withRequestBody(matchingJsonPath("$.category", equalTo("MARKETING")))
                .withRequestBody(matchingJsonPath("$.parameter_format", equalTo("positional")))
                .withRequestBody(matchingJsonPath("$.components[?(@.type == 'HEADER')].text", equalTo("Order update")))
                .withRequestBody(matchingJsonPath(
                        "$.components[?(@.type == 'BODY')].example.body_text", equalToJson("[[[\"Ada\", \"A-17\"]]]")))
                .withRequestBody(
                        matchingJsonPath("$.components[?(@.type == 'FOOTER')].text", equalTo("Reply STOP to opt out")))
                .withRequestBody(matchingJsonPath(
                        "$.components[?(@.type == 'BUTTONS')].buttons[0].type", equalTo("QUICK_REPLY")))
                .willReturn(
                        okJson("{\"id\":\"" + providerId + "\",\"status\":\"PENDING\",\"category\":\"MARKETING\"}")));
        var submitted = api.post("/api/v1/templates/" + templateId + "/submit", Map.of(), token);
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(200);
        assertThat(submitted.json().get("status").asString()).isEqualTo("pending");
        assertThat(submitted.json().get("providerTemplateId").asString()).isEqualTo(providerId);
        return providerId;
    }

    @Test
    void submittedTemplateIsApprovedOrRejectedByMetasWebhook() {
        String approvedId =
                createTemplate("order_ready_" + ThreadLocalRandom.current().nextInt(1_000_000));
        String providerA = submit(
                approvedId,
                api.get("/api/v1/templates/" + approvedId, token)
                        .json()
                        .get("name")
                        .asString(),
                String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40)));
        PROVIDERS.verify(postRequestedFor(urlEqualTo("/graph/v21.0/" + wabaId + "/message_templates"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)));

        assertThat(webhook(templateStatus(providerA, "APPROVED", "NONE")).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var t = api.get("/api/v1/templates/" + approvedId, token).json();
            assertThat(t.get("status").asString()).isEqualTo("approved");
            assertThat(t.get("usable").asBoolean()).isTrue();
        });

        String rejectedId =
                createTemplate("promo_" + ThreadLocalRandom.current().nextInt(1_000_000));
        String providerB = submit(
                rejectedId,
                api.get("/api/v1/templates/" + rejectedId, token)
                        .json()
                        .get("name")
                        .asString(),
                String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40)));
        assertThat(webhook(templateStatus(providerB, "REJECTED", "INVALID_FORMAT"))
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var t = api.get("/api/v1/templates/" + rejectedId, token).json();
            assertThat(t.get("status").asString()).isEqualTo("rejected");
            assertThat(t.get("statusReason").asString()).isEqualTo("INVALID_FORMAT");
        });
        // a forged status (wrong signature) changes nothing
        assertThat(webhookSignedWith(templateStatus(providerB, "APPROVED", "NONE"), "not-the-secret")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void pendingTemplateStatusIsPolledFromTheGraphApi() {
        String id = createTemplate("poll_me_" + ThreadLocalRandom.current().nextInt(1_000_000));
        String providerId = submit(
                id,
                api.get("/api/v1/templates/" + id, token).json().get("name").asString(),
                String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40)));
        PROVIDERS.stubFor(get(urlPathEqualTo("/graph/v21.0/" + providerId))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson("{\"id\":\"" + providerId
                        + "\",\"status\":\"REJECTED\",\"rejected_reason\":\"TAG_CONTENT_MISMATCH\"}")));
        var synced =
                api.post("/api/v1/templates/" + id + "/sync", Map.of(), token).json();
        assertThat(synced.get("status").asString()).isEqualTo("rejected");
        assertThat(synced.get("statusReason").asString()).isEqualTo("TAG_CONTENT_MISMATCH");
    }

    @Test
    void metaRefusingATemplateIsAProblemNamingWhy() {
        String name = "refused_" + ThreadLocalRandom.current().nextInt(1_000_000);
        String id = createTemplate(name);
        PROVIDERS.stubFor(post(urlEqualTo("/graph/v21.0/" + wabaId + "/message_templates"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
                                        + "\"error_user_msg\":\"Template name already exists in this language\"}}")));
        var refused = api.post("/api/v1/templates/" + id + "/submit", Map.of(), token);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("Template name already exists");
        assertThat(api.get("/api/v1/templates/" + id, token)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("draft");
    }

    @Test
    void campaignNeedsApprovedTemplateAndCreditsThenSendsTemplateMessages() {
        String name = "welcome_" + ThreadLocalRandom.current().nextInt(1_000_000);
        String templateId = createTemplate(name);
        String tag = "vip-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            var contact = api.post(
                    "/api/v1/contacts",
                    Map.of("name", "Customer " + i, "phone", "+1415555010" + i, "tags", List.of(tag)),
                    token);
            assertThat(contact.status()).as(contact.raw()).isIn(201);
        }
        var campaign = api.post(
                "/api/v1/campaigns",
                Map.of(
                        "name",
                        "Welcome",
                        "templateId",
                        templateId,
                        "audienceType",
                        "filter",
                        "audience",
                        Map.of("tags", List.of(tag)),
                        "variableSources",
                        Map.of("1", "contact.name", "2", "text:W-1")),
                token);
        assertThat(campaign.status()).as(campaign.raw()).isEqualTo(201);
        String campaignId = campaign.json().get("id").asString();
        // default rate: below the channel's cap (80/s for WhatsApp Cloud), room left for inbound traffic
        assertThat(campaign.json().get("ratePerSecond").asDouble()).isEqualTo(64.0);

        var notApproved = api.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of(), token);
        assertThat(notApproved.status()).isEqualTo(409);
        assertThat(notApproved.json().get("type").asString()).endsWith("/template-not-approved");

        String providerId = submit(
                templateId, name, String.valueOf(ThreadLocalRandom.current().nextLong(1L << 40)));
        webhook(templateStatus(providerId, "APPROVED", "NONE"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/templates/" + templateId, token)
                        .json()
                        .get("usable")
                        .asBoolean());

        var noCredits = api.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of(), token);
        assertThat(noCredits.status()).as(noCredits.raw()).isEqualTo(402);
        assertThat(noCredits.json().get("type").asString()).endsWith("/insufficient-credits");
        assertThat(noCredits.json().get("recipients").asLong()).isEqualTo(3);
        assertThat(noCredits.json().get("neededMinor").asLong()).isEqualTo(24);
        assertThat(noCredits.json().get("detail").asString()).contains("3 contacts needs 24 credits");

        credits.topUp(UUID.fromString(orgId), 100, "test grant", "grant-" + campaignId);
        PROVIDERS.stubFor(post(urlEqualTo("/graph/v21.0/" + phoneNumberId + "/messages"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .withRequestBody(matchingJsonPath("$.type", equalTo("template")))
                .withRequestBody(matchingJsonPath("$.template.name", equalTo(name)))
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.{{randomValue type='UUID'}}\"}]}")
                        .withTransformers("response-template")));
        var scheduled = api.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of(), token);
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var p = api.get("/api/v1/campaigns/" + campaignId, token).json();
            assertThat(p.get("status").asString()).isEqualTo("completed");
            assertThat(p.get("progress").get("sent").asLong()).isEqualTo(3);
        });
        PROVIDERS.verify(
                3,
                postRequestedFor(urlEqualTo("/graph/v21.0/" + phoneNumberId + "/messages"))
                        .withRequestBody(
                                matchingJsonPath("$.template.components[0].parameters[1].text", equalTo("W-1"))));
        // 3 messages at 8 credits spent, the rest of the hold released
        assertThat(credits.balance(UUID.fromString(orgId)).availableMinor()).isEqualTo(76);
    }

    private String templateStatus(String providerTemplateId, String event, String reason) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":1700000000,"changes":[{"field":"message_template_status_update",
                 "value":{"event":"%s","message_template_id":%s,"message_template_name":"t","message_template_language":"en_US","reason":"%s"}}]}]}
                """.formatted(wabaId, event, providerTemplateId, reason);
    }

    private ApiClient.Response webhook(String payload) {
        return webhookSignedWith(payload, appSecret);
    }

    private ApiClient.Response webhookSignedWith(String payload, String secret) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return api.send(api.request("/webhooks/whatsapp/" + channelId, null)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + hmac(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
