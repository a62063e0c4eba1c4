package io.switchboard.calls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import io.switchboard.billing.Credits;
import io.switchboard.support.ProviderFakesTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Calls through the Bland AI fake: what Bland checks (the raw key in {@code authorization}, the body),
 * signed webhooks stored once, polling when no webhook comes, and holds that never overspend.
 */
class BlandCallsWebTests extends ProviderFakesTest {

    @Autowired
    Credits credits;

    record Org(UUID id, String token) {}

    @BeforeEach
    void blandFake() {
        // any call Bland does not know more about is still in progress (webhook tests finish them)
        PROVIDERS.stubFor(get(urlPathMatching("/bland/v1/calls/[^/]+"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"in-progress\",\"queue_status\":\"started\",\"completed\":false}")));
    }

    Org org(String name, long credit, String plan) {
        JsonNode session = signup(name);
        var org = new Org(UUID.fromString(session.get("organization").get("id").asString()), token(session));
        if (credit > 0) credits.topUp(org.id(), credit, "test credit", "test-" + UUID.randomUUID());
        if (plan != null) {
            String admin = token(loginBootstrapOwner());
            var assigned = api.put("/api/v1/admin/organizations/" + org.id() + "/plan", Map.of("planId", plan), admin);
            assertThat(assigned.status()).as(assigned.raw()).isEqualTo(200);
        }
        return org;
    }

    /** Bland answers this organisation's dials with the given call id (only with the right key). */
    void blandDials(Org org, String callId) {
        PROVIDERS.stubFor(post(urlEqualTo("/bland/v1/calls"))
                .withHeader("authorization", equalTo(BLAND_API_KEY))
                .withRequestBody(matchingJsonPath(
                        "$.metadata.switchboard_org_id", equalTo(org.id().toString())))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"success\",\"message\":\"Call successfully queued.\",\"call_id\":\""
                                + callId + "\",\"batch_id\":null}")));
    }

    JsonNode awaitCall(Org org, String callId, java.util.function.Predicate<JsonNode> until) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/calls/" + callId, org.token()).json(), until);
    }

    static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(BLAND_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    int webhook(Org org, String body, String signature) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/bland/" + org.id()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) request.header("X-Webhook-Signature", signature);
        return api.send(request).status();
    }

    static String completedCall(String callId, double price) {
        return """
                {"call_id":"%s","completed":true,"status":"completed","queue_status":"complete","call_length":1.5,\
                "price":%s,"answered_by":"human","summary":"The customer wants a demo on Friday.",\
                "recording_url":"https://recordings.bland.example/%s.mp3",\
                "transcripts":[{"id":1,"created_at":"2026-11-23T10:00:00.000Z","text":"Hello, this is Alex from Acme.","user":"assistant"},\
                {"id":2,"created_at":"2026-11-23T10:00:04.500Z","text":"Yes, I'm interested, book me a demo on Friday.","user":"user"},\
                {"id":3,"created_at":"2026-11-23T10:00:09.000Z","text":"Booked. Thank you!","user":"assistant"}]}
                """.formatted(callId, price, callId);
    }

    @Test
    void blandGetsTheRawKeyAndTheCallAndASignedWebhookFinishesItOnce() {
        Org org = org("Bland Webhooks", 1000, null);
        String blandId = "bland-" + UUID.randomUUID();
        blandDials(org, blandId);
        var placed = api.post(
                "/api/v1/calls",
                Map.of(
                        "phoneNumber", "+14155550123",
                        "task", "Offer the customer a demo of Acme CRM.",
                        "firstSentence", "Hi, this is Alex from Acme.",
                        "voice", "maya",
                        "language", "en-US",
                        "maxDurationMinutes", 2,
                        "transferNumber", "+14155550199",
                        "record", true,
                        "metadata", Map.of("campaign", "autumn")),
                org.token());
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        assertThat(placed.json().get("mode").asString()).isEqualTo("bland");
        assertThat(placed.json().get("holdMinor").asLong()).isEqualTo(24); // 2 minutes × 12
        String callId = placed.json().get("call").get("id").asString();
        awaitCall(org, callId, c -> c.get("status").asString().equals("ringing"));

        PROVIDERS.verify(
                1,
                postRequestedFor(urlEqualTo("/bland/v1/calls"))
                        .withHeader("authorization", equalTo(BLAND_API_KEY))
                        .withRequestBody(equalToJson("""
                        {"phone_number":"+14155550123","task":"Offer the customer a demo of Acme CRM.",
                         "first_sentence":"Hi, this is Alex from Acme.","voice":"maya","language":"en-US","max_duration":2,
                         "transfer_phone_number":"+14155550199","record":true,
                         "webhook":"%s/webhooks/bland/%s",
                         "metadata":{"campaign":"autumn","switchboard_call_id":"%s","switchboard_org_id":"%s"}}
                        """.formatted(PUBLIC_URL, org.id(), callId, org.id()))));

        String body = completedCall(blandId, 0.14);
        assertThat(webhook(org, body, sign(body + " "))).as("wrong signature").isEqualTo(401);
        assertThat(webhook(org, body, null)).as("no signature").isEqualTo(401);
        assertThat(webhook(org, body, sign(body))).isEqualTo(200);
        JsonNode done = awaitCall(org, callId, c -> !c.get("outcome").isNull());
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("durationSeconds").asInt()).isEqualTo(90);
        assertThat(done.get("costMinor").asLong()).as("Bland's price in cents").isEqualTo(14);
        assertThat(done.get("outcome").asString()).isEqualTo("interested");
        assertThat(done.get("summary").asString()).isEqualTo("The customer wants a demo on Friday.");
        JsonNode transcript =
                api.get("/api/v1/calls/" + callId + "/transcript", org.token()).json();
        assertThat(transcript.get("turns")).hasSize(3);
        assertThat(transcript.get("turns").get(1).get("speaker").asString()).isEqualTo("user");
        assertThat(transcript.get("turns").get(1).get("atSeconds").asDouble()).isEqualTo(4.5);
        assertThat(api.get("/api/v1/calls/" + callId + "/recording", org.token())
                        .json()
                        .get("url")
                        .asString())
                .isEqualTo("https://recordings.bland.example/" + blandId + ".mp3");
        assertThat(credits.balance(org.id()).balanceMinor()).isEqualTo(1000 - 14);
        assertThat(credits.balance(org.id()).heldMinor()).isZero();

        // a replayed webhook is acknowledged and stored once; a later report never charges again
        assertThat(webhook(org, body, sign(body))).isEqualTo(200);
        String later = completedCall(blandId, 0.2);
        assertThat(webhook(org, later, sign(later))).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> ownerDb()
                                .fetchCount(
                                        table("call_webhook_events"),
                                        field("org_id")
                                                .eq(org.id())
                                                .and(field("processed_at").isNotNull()))
                        == 2);
        assertThat(api.get("/api/v1/calls/" + callId, org.token())
                        .json()
                        .get("costMinor")
                        .asLong())
                .isEqualTo(14);
        assertThat(credits.balance(org.id()).balanceMinor()).isEqualTo(1000 - 14);
        assertThat(ownerDb()
                        .fetchCount(
                                table("call_webhook_events"), field("org_id").eq(org.id())))
                .isEqualTo(2);
    }

    @Test
    void pollingFinishesACallWhoseWebhookNeverCame() {
        Org org = org("Bland Polling", 1000, null);
        String blandId = "bland-" + UUID.randomUUID();
        blandDials(org, blandId);
        PROVIDERS.stubFor(get(urlEqualTo("/bland/v1/calls/" + blandId))
                .atPriority(1)
                .withHeader("authorization", equalTo(BLAND_API_KEY))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(completedCall(blandId, 0.1))));
        var placed = api.post(
                "/api/v1/calls",
                Map.of("phoneNumber", "+14155550123", "task", "Offer a demo.", "maxDurationMinutes", 3),
                org.token());
        String callId = placed.json().get("call").get("id").asString();
        JsonNode done = awaitCall(org, callId, c -> !c.get("outcome").isNull());
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("costMinor").asLong()).isEqualTo(10);
        assertThat(credits.balance(org.id()).balanceMinor()).isEqualTo(990);
    }

    @Test
    void aFailedDialVoidsTheHold() {
        Org org = org("Bland Refuses", 1000, null);
        PROVIDERS.stubFor(post(urlEqualTo("/bland/v1/calls"))
                .withRequestBody(matchingJsonPath(
                        "$.metadata.switchboard_org_id", equalTo(org.id().toString())))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"error\",\"message\":\"Invalid phone number\"}")));
        var placed =
                api.post("/api/v1/calls", Map.of("phoneNumber", "+14155550123", "task", "Offer a demo."), org.token());
        String callId = placed.json().get("call").get("id").asString();
        JsonNode done = awaitCall(org, callId, c -> !c.get("outcome").isNull());
        assertThat(done.get("status").asString()).isEqualTo("failed");
        assertThat(done.get("endedReason").asString()).contains("Invalid phone number");
        assertThat(credits.balance(org.id()).availableMinor()).isEqualTo(1000);
        assertThat(credits.balance(org.id()).heldMinor()).isZero();
    }

    @Test
    void fiftyParallelCallsOnCreditsForTenDialExactlyTen() throws Exception {
        Org org = org("Bland Rush", 120, "enterprise"); // 10 calls of 1 minute at 12
        PROVIDERS.stubFor(post(urlEqualTo("/bland/v1/calls"))
                .withHeader("authorization", equalTo(BLAND_API_KEY))
                .withRequestBody(matchingJsonPath(
                        "$.metadata.switchboard_org_id", equalTo(org.id().toString())))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"success\",\"call_id\":\"{{randomValue type='UUID'}}\"}")
                        .withTransformers("response-template")));
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            tasks.add(() -> new io.switchboard.support.ApiClient(port)
                    .post(
                            "/api/v1/calls",
                            Map.of(
                                    "phoneNumber",
                                    "+14155550123",
                                    "task",
                                    "Offer a demo.",
                                    "maxDurationMinutes",
                                    1,
                                    "idempotencyKey",
                                    "rush-" + n),
                            org.token())
                    .status());
        }
        List<Integer> statuses;
        try (var pool = Executors.newFixedThreadPool(50)) {
            statuses = pool.invokeAll(tasks).stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    })
                    .toList();
        }
        assertThat(statuses.stream().filter(s -> s == 201).count())
                .as(statuses.toString())
                .isEqualTo(10);
        assertThat(statuses.stream().filter(s -> s == 402).count()).isEqualTo(40);
        var dialsOfThisOrg = postRequestedFor(urlEqualTo("/bland/v1/calls"))
                .withRequestBody(matchingJsonPath(
                        "$.metadata.switchboard_org_id", equalTo(org.id().toString())));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> PROVIDERS.findAll(dialsOfThisOrg).size() == 10);
        // the provider is asked before our row leaves the queue: wait for the rows too (ringing, or
        // in progress once a poll has asked Bland)
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/calls?status=queued", org.token())
                                .json()
                                .get("totalItems")
                                .asInt()
                        == 0);
        assertThat(api.get("/api/v1/calls", org.token())
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(10);
        assertThat(credits.balance(org.id()).availableMinor()).isZero();
        assertThat(credits.balance(org.id()).heldMinor()).isEqualTo(120);
        PROVIDERS.verify(10, dialsOfThisOrg);
    }

    @Test
    void callsOverThePlansConcurrentLimitWaitInTheQueue() {
        Org org = org("Bland Queue", 1000, null); // trial: one call at a time
        String first = "bland-" + UUID.randomUUID();
        blandDials(org, first);
        var a = api.post(
                "/api/v1/calls",
                Map.of("phoneNumber", "+14155550123", "task", "Offer a demo.", "maxDurationMinutes", 1),
                org.token());
        String callA = a.json().get("call").get("id").asString();
        awaitCall(org, callA, c -> c.get("status").asString().equals("ringing"));
        String second = "bland-" + UUID.randomUUID();
        blandDials(org, second);
        var b = api.post(
                "/api/v1/calls",
                Map.of("phoneNumber", "+14155550124", "task", "Offer a demo.", "maxDurationMinutes", 1),
                org.token());
        assertThat(b.status()).isEqualTo(201);
        String callB = b.json().get("call").get("id").asString();
        // B waits while A holds the only line
        Awaitility.await()
                .pollDelay(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> true);
        assertThat(api.get("/api/v1/calls/" + callB, org.token())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("queued");
        String body = completedCall(first, 0.05);
        assertThat(webhook(org, body, sign(body))).isEqualTo(200);
        JsonNode dialled = awaitCall(org, callB, c -> c.get("status").asString().equals("ringing"));
        assertThat(dialled.get("providerCallId").asString()).isEqualTo(second);
    }
}
