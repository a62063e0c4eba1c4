package io.switchboard.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Outbound webhooks end to end against a WireMock receiver on http://localhost (operator allow-listed). */
class WebhooksWebTests extends IntegrationTest {

    static final WireMockServer RECEIVER = startReceiver();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static WireMockServer startReceiver() {
        var server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    private static String receiverPath() {
        return "/hooks/" + UUID.randomUUID();
    }

    private static String url(String path) {
        return "http://localhost:" + RECEIVER.port() + path;
    }

    private static void answer(String path, int status) {
        RECEIVER.stubFor(post(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(status).withBody("ok " + status)));
    }

    private JsonNode createEndpoint(String token, String path, List<String> events) {
        var created = api.post("/api/v1/webhooks", Map.of("url", url(path), "events", events), token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json();
    }

    private static List<LoggedRequest> received(String path) {
        return RECEIVER.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private static List<LoggedRequest> awaitReceived(String path, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received(path), r -> r.size() >= count);
    }

    private JsonNode awaitDelivery(String token, String endpointId, String status) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/v1/webhooks/" + endpointId + "/deliveries", token)
                                .json(),
                        page -> page.get("totalItems").asInt() > 0
                                && page.get("items")
                                        .get(0)
                                        .get("status")
                                        .asString()
                                        .equals(status))
                .get("items")
                .get(0);
    }

    private static JsonNode body(LoggedRequest request) {
        return JSON.readTree(request.getBodyAsString());
    }

    private static boolean verifies(String secret, LoggedRequest request) {
        return StandardWebhooksVerifier.verifies(
                secret,
                request.getHeader("webhook-id"),
                request.getHeader("webhook-timestamp"),
                request.getBodyAsString(),
                request.getHeader("webhook-signature"));
    }

    @Test
    void messagesOfARealSandboxConversationArriveSignedPerTheStandardWebhooksSpec() {
        String token = token(signup("Webhook receiver"));
        String path = receiverPath();
        answer(path, 204);
        var created = createEndpoint(token, path, List.of("message.received", "message.sent", "conversation.created"));
        String secret = created.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        // shown once: never in a later answer
        String endpointId = created.get("endpoint").get("id").asString();
        assertThat(api.get("/api/v1/webhooks/" + endpointId, token).raw()).doesNotContain(secret);

        String conversationId = sandboxConversation(token, "+14155550123", "Ada", "Where is my order?");
        api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("text", "On its way!"), token);

        var requests = awaitReceived(path, 3);
        List<String> types = new ArrayList<>();
        for (var request : requests) {
            assertThat(request.getHeader("webhook-id")).startsWith("msg_");
            assertThat(request.getHeader("content-type")).startsWith("application/json");
            assertThat(verifies(secret, request))
                    .as("signature of " + request.getBodyAsString())
                    .isTrue();
            // a forged body does not verify
            assertThat(StandardWebhooksVerifier.verifies(
                            secret,
                            request.getHeader("webhook-id"),
                            request.getHeader("webhook-timestamp"),
                            request.getBodyAsString() + " ",
                            request.getHeader("webhook-signature")))
                    .isFalse();
            types.add(body(request).get("type").asString());
        }
        assertThat(types).contains("message.received", "message.sent", "conversation.created");
        var inbound = requests.stream()
                .map(WebhooksWebTests::body)
                .filter(b -> b.get("type").asString().equals("message.received"))
                .findFirst()
                .orElseThrow();
        assertThat(inbound.get("timestamp").asString()).isNotBlank();
        assertThat(inbound.get("data").get("conversationId").asString()).isEqualTo(conversationId);
        assertThat(inbound.get("data").get("content").get("body").asString()).isEqualTo("Where is my order?");
        var outbound = requests.stream()
                .map(WebhooksWebTests::body)
                .filter(b -> b.get("type").asString().equals("message.sent"))
                .findFirst()
                .orElseThrow();
        assertThat(outbound.get("data").get("content").get("body").asString()).isEqualTo("On its way!");

        var log =
                api.get("/api/v1/webhooks/" + endpointId + "/deliveries", token).json();
        assertThat(log.get("totalItems").asInt()).isGreaterThanOrEqualTo(3);
        var first = log.get("items").get(0);
        assertThat(first.get("requestHeaders").get("webhook-signature").asString())
                .startsWith("v1,");
        assertThat(first.get("attemptLog").get(0).get("responseStatus").asInt()).isEqualTo(204);
    }

    @Test
    void aReceiverThatFailsThenRecoversGetsTheDeliveryRetriedAndDeliveredOnce() {
        String token = token(signup("Flaky receiver"));
        String path = receiverPath();
        String scenario = "flaky-" + path;
        RECEIVER.stubFor(post(urlPathEqualTo(path))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("database down"))
                .willSetStateTo("second"));
        RECEIVER.stubFor(post(urlPathEqualTo(path))
                .inScenario(scenario)
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503).withBody("still starting"))
                .willSetStateTo("up"));
        RECEIVER.stubFor(post(urlPathEqualTo(path))
                .inScenario(scenario)
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("thanks")));
        String endpointId = createEndpoint(token, path, List.of("contact.created"))
                .get("endpoint")
                .get("id")
                .asString();

        var sent = api.post("/api/v1/webhooks/" + endpointId + "/test", Map.of(), token);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(202);

        var delivery = awaitDelivery(token, endpointId, "succeeded");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("eventType").asString()).isEqualTo("webhook.test");
        var attempts = delivery.get("attemptLog");
        assertThat(attempts.get(0).get("responseStatus").asInt()).isEqualTo(200);
        assertThat(attempts.get(1).get("responseStatus").asInt()).isEqualTo(503);
        assertThat(attempts.get(2).get("responseStatus").asInt()).isEqualTo(500);
        assertThat(attempts.get(2).get("responseBody").asString()).isEqualTo("database down");
        assertThat(delivery.get("responseBody").asString()).isEqualTo("thanks");
        // every attempt carried the same webhook-id, so the receiver can dedupe
        var requests = received(path);
        assertThat(requests).hasSize(3);
        assertThat(requests.stream().map(r -> r.getHeader("webhook-id")).distinct())
                .hasSize(1);
        assertThat(api.get("/api/v1/webhooks/" + endpointId, token)
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void afterARotationBothSecretsSignDuringTheOverlap() {
        String token = token(signup("Rotating receiver"));
        String path = receiverPath();
        answer(path, 200);
        var created = createEndpoint(token, path, List.of("contact.updated"));
        String oldSecret = created.get("secret").asString();
        String endpointId = created.get("endpoint").get("id").asString();

        var rotated = api.post("/api/v1/webhooks/" + endpointId + "/rotate-secret", Map.of(), token);
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asString();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(rotated.json().get("previousSecretExpiresAt").asString()).isNotBlank();

        api.post("/api/v1/webhooks/" + endpointId + "/test", Map.of(), token);
        var request = awaitReceived(path, 1).getFirst();
        assertThat(StandardWebhooksVerifier.signatures(request.getHeader("webhook-signature")))
                .hasSize(2);
        assertThat(verifies(newSecret, request)).isTrue();
        assertThat(verifies(oldSecret, request)).isTrue();
        assertThat(verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), request))
                .isFalse();
    }

    @Test
    void urlsOnLoopbackPrivateOrLinkLocalAddressesAreRefusedNamingTheField() {
        String token = token(signup("SSRF"));
        for (String bad : List.of(
                "http://127.0.0.1:" + RECEIVER.port() + "/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/hook",
                "ftp://example.com/hook")) {
            var refused =
                    api.post("/api/v1/webhooks", Map.of("url", bad, "events", List.of("message.received")), token);
            assertThat(refused.status()).as(bad + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("url");
        }
        String path = receiverPath();
        String endpointId = createEndpoint(token, path, List.of("message.received"))
                .get("endpoint")
                .get("id")
                .asString();
        var patched = api.patch("/api/v1/webhooks/" + endpointId, Map.of("url", "http://169.254.169.254/"), token);
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.json().get("errors").get(0).get("field").asString()).isEqualTo("url");
    }

    @Test
    void eventTypesNotBuiltYetAreListedButCannotBeSubscribed() {
        String token = token(signup("Catalogue"));
        var types = api.get("/api/v1/webhooks/event-types", token).json();
        Map<String, Boolean> available = new java.util.HashMap<>();
        types.forEach(
                t -> available.put(t.get("type").asString(), t.get("available").asBoolean()));
        assertThat(available)
                .containsEntry("message.received", true)
                .containsEntry("credits.low", true)
                .containsEntry("contact.updated", true)
                .containsEntry("call.completed", false)
                .containsEntry("campaign.completed", true)
                .containsEntry("flow.completed", false);
        var refused = api.post(
                "/api/v1/webhooks",
                Map.of("url", url(receiverPath()), "events", List.of("message.received", "call.completed")),
                token);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("events[1]");
        var unknown =
                api.post("/api/v1/webhooks", Map.of("url", url(receiverPath()), "events", List.of("nope")), token);
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void aDeliveryDeadAfterTheScheduleDisablesTheEndpointAndMailsTheAdmins() {
        var session = signup("Dead receiver");
        String token = token(session);
        String ownerEmail = session.get("user").get("email").asString();
        String path = receiverPath();
        answer(path, 500);
        String endpointId = createEndpoint(token, path, List.of("contact.created"))
                .get("endpoint")
                .get("id")
                .asString();
        api.post("/api/v1/contacts", Map.of("name", "Grace", "phone", "+14155550177"), token);

        var delivery = awaitDelivery(token, endpointId, "dead");
        // the compressed test schedule has four retries: five attempts in all
        assertThat(delivery.get("attempts").asInt()).isEqualTo(5);
        assertThat(delivery.get("eventType").asString()).isEqualTo("contact.created");
        assertThat(received(path)).hasSize(5);
        var endpoint = api.get("/api/v1/webhooks/" + endpointId, token).json();
        assertThat(endpoint.get("enabled").asBoolean()).isFalse();
        assertThat(endpoint.get("disabledReason").asString()).contains("HTTP 500");
        var mail = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/v1/dev-mailbox?size=100", token).json(),
                        m -> m.get("items")
                                .valueStream()
                                .anyMatch(i -> i.get("subject").asString().startsWith("Webhook endpoint disabled")));
        assertThat(mail.get("items")
                        .valueStream()
                        .filter(i -> i.get("subject").asString().startsWith("Webhook endpoint disabled"))
                        .map(i -> i.get("to").asString()))
                .contains(ownerEmail);

        // fixed receiver: enable again and resend the dead delivery
        answer(path, 200);
        assertThat(api.post(
                                "/api/v1/webhooks/" + endpointId + "/deliveries/"
                                        + delivery.get("id").asString() + "/resend",
                                Map.of(),
                                token)
                        .status())
                .isEqualTo(409); // still disabled
        api.patch("/api/v1/webhooks/" + endpointId, Map.of("enabled", true), token);
        var resent = api.post(
                "/api/v1/webhooks/" + endpointId + "/deliveries/"
                        + delivery.get("id").asString() + "/resend",
                Map.of(),
                token);
        assertThat(resent.status()).as(resent.raw()).isEqualTo(202);
        var succeeded = awaitDelivery(token, endpointId, "succeeded");
        assertThat(succeeded.get("attempts").asInt()).isEqualTo(6);
        assertThat(api.get("/api/v1/webhooks/" + endpointId, token)
                        .json()
                        .get("disabledReason")
                        .isNull())
                .isTrue();
    }

    @Test
    void aGoneAnswerDisablesTheEndpointAtOnce() {
        String token = token(signup("Gone receiver"));
        String path = receiverPath();
        answer(path, 410);
        String endpointId = createEndpoint(token, path, List.of("contact.created"))
                .get("endpoint")
                .get("id")
                .asString();
        api.post("/api/v1/webhooks/" + endpointId + "/test", Map.of(), token);
        var delivery = awaitDelivery(token, endpointId, "dead");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        var endpoint = api.get("/api/v1/webhooks/" + endpointId, token).json();
        assertThat(endpoint.get("enabled").asBoolean()).isFalse();
        assertThat(endpoint.get("disabledReason").asString()).contains("410");
    }

    @Test
    void contactAndConversationChangesAreDeliveredToSubscribers() {
        String token = token(signup("Lifecycle receiver"));
        String path = receiverPath();
        answer(path, 200);
        createEndpoint(
                token,
                path,
                List.of("contact.created", "contact.updated", "conversation.assigned", "conversation.resolved"));
        String contactId = api.post("/api/v1/contacts", Map.of("name", "Linus", "phone", "+14155550188"), token)
                .json()
                .get("id")
                .asString();
        api.patch("/api/v1/contacts/" + contactId, Map.of("name", "Linus T."), token);
        String conversationId = sandboxConversation(token, "+14155550189", "Ken", "hello");
        String me = api.get("/api/v1/me", token).json().get("user").get("id").asString();
        api.patch("/api/v1/conversations/" + conversationId, Map.of("assigneeUserId", me), token);
        api.patch("/api/v1/conversations/" + conversationId, Map.of("status", "resolved"), token);

        var bodies = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> received(path).stream()
                                .map(WebhooksWebTests::body)
                                .toList(),
                        list -> list.stream()
                                        .map(b -> b.get("type").asString())
                                        .distinct()
                                        .count()
                                == 4);
        var updated = bodies.stream()
                .filter(b -> b.get("type").asString().equals("contact.updated"))
                .findFirst()
                .orElseThrow();
        assertThat(updated.get("data").get("name").asString()).isEqualTo("Linus T.");
        var assigned = bodies.stream()
                .filter(b -> b.get("type").asString().equals("conversation.assigned"))
                .findFirst()
                .orElseThrow();
        assertThat(assigned.get("data").get("assigneeUserId").asString()).isEqualTo(me);
    }

    @Test
    void anotherOrganisationsEndpointsAndDeliveriesAre404() {
        String tokenA = token(signup("Webhooks A"));
        String tokenB = token(signup("Webhooks B"));
        String path = receiverPath();
        answer(path, 200);
        String endpointId = createEndpoint(tokenA, path, List.of("contact.created"))
                .get("endpoint")
                .get("id")
                .asString();
        String deliveryId = api.post("/api/v1/webhooks/" + endpointId + "/test", Map.of(), tokenA)
                .json()
                .get("id")
                .asString();
        assertThat(api.get("/api/v1/webhooks/" + endpointId, tokenB).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks/" + endpointId + "/deliveries", tokenB)
                        .status())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/webhooks/" + endpointId + "/deliveries/" + deliveryId + "/resend",
                                Map.of(),
                                tokenB)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks", tokenB).json().get("totalItems").asInt())
                .isZero();
        assertThat(api.get("/api/v1/webhooks", tokenA).json().get("totalItems").asInt())
                .isEqualTo(1);
    }
}
