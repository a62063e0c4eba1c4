package io.switchboard.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.switchboard.support.ApiClient;
import io.switchboard.support.AppProcess;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kill -9 the server while it sends replies to a (slow) WhatsApp Graph fake, restart it on the same
 * data, and count at the fake: no message reached the provider twice. Every message is either sent
 * exactly once or visibly failed as "delivery unknown" (the one caught mid-call may or may not have
 * arrived, so it is never sent again).
 */
class SendCrashIntegrationTests {

    static final int CONTACTS = 4;
    static final int PER_CONTACT = 12;
    static final String APP_SECRET = "crash-app-secret";
    static final String ACCESS_TOKEN = "EAAGcrash";
    static final String PHONE_NUMBER_ID = "555000111222";

    private final WireMockServer graph =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void stopFake() {
        graph.stop();
    }

    @Test
    void noMessageIsSentTwiceAcrossAKillDuringSending() throws Exception {
        graph.start();
        String sendPath = "/graph/v21.0/" + PHONE_NUMBER_ID + "/messages";
        // slow answers keep the sender inside provider calls most of the time, where the kill lands
        graph.stubFor(post(urlEqualTo(sendPath))
                .willReturn(okJson(
                                "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.{{randomValue length=24 type='ALPHANUMERIC'}}\"}]}")
                        .withFixedDelay(150)
                        .withTransformers("response-template")));
        Path dataDir = Files.createTempDirectory("switchboard-send-crash-");
        List<String> args = List.of(
                "--switchboard.bootstrap.admin-email=crash@demo.test",
                "--switchboard.bootstrap.admin-password=crash-test-secret",
                "--switchboard.providers.whatsapp-graph-base-url=" + graph.baseUrl() + "/graph/v21.0",
                "--switchboard.outbound.stuck-after=PT3S",
                "--switchboard.outbound.recovery-interval=PT1S",
                "--switchboard.outbound.recovery-initial-delay=PT1S");
        List<String> texts = new ArrayList<>();

        try (var app = new AppProcess(dataDir, args)) {
            app.start();
            var api = new ApiClient(app.port());
            String token = login(api);
            var channel = api.post(
                            "/api/v1/channels",
                            Map.of(
                                    "type",
                                    "whatsapp_cloud",
                                    "name",
                                    "crash",
                                    "ratePerSecond",
                                    8,
                                    "config",
                                    Map.of(
                                            "phoneNumberId", PHONE_NUMBER_ID,
                                            "accessToken", ACCESS_TOKEN,
                                            "appSecret", APP_SECRET,
                                            "verifyToken", "crash-verify")),
                            token)
                    .json();
            String channelId = channel.get("id").asString();
            for (int c = 0; c < CONTACTS; c++) {
                assertThat(webhook(api, channelId, "1415555" + (1000 + c), "wamid.in-" + c)
                                .status())
                        .isEqualTo(200);
            }
            var conversations = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> api.get("/api/v1/conversations?size=50", token)
                                    .json(),
                            page -> page.get("totalItems").asInt() == CONTACTS)
                    .get("items");
            for (int i = 0; i < PER_CONTACT; i++) {
                for (var conversation : conversations) {
                    String text = "crash-send-" + texts.size();
                    var reply = api.post(
                            "/api/v1/conversations/" + conversation.get("id").asString() + "/messages",
                            Map.of("text", text),
                            token);
                    assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
                    texts.add(text);
                }
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> graph.countRequestsMatching(postRequestedFor(urlEqualTo(sendPath))
                                            .build())
                                    .getCount()
                            >= texts.size() / 3);
            app.kill();
        }
        int beforeRestart =
                graph.findAll(postRequestedFor(urlEqualTo(sendPath))).size();
        assertThat(beforeRestart).isLessThan(texts.size());

        try (var app = new AppProcess(dataDir, args)) {
            app.start();
            await().atMost(Duration.ofSeconds(40)).until(() -> unfinished(dataDir) == 0);

            Map<String, Integer> requests = new HashMap<>();
            for (var request : graph.findAll(postRequestedFor(urlEqualTo(sendPath)))) {
                String text = json.readTree(request.getBodyAsString())
                        .path("text")
                        .path("body")
                        .asString();
                requests.merge(text, 1, Integer::sum);
            }
            Map<String, String[]> outcomes = outcomes(dataDir);
            int unknown = 0;
            for (String text : texts) {
                int sent = requests.getOrDefault(text, 0);
                String[] outcome = outcomes.get(text);
                assertThat(sent).as("requests for " + text).isLessThanOrEqualTo(1);
                if (outcome[0].equals("failed")) {
                    assertThat(outcome[1]).as(text).contains("delivery unknown");
                    unknown++;
                } else {
                    assertThat(outcome[0]).as(text).isEqualTo("sent");
                    assertThat(sent).as("requests for " + text).isEqualTo(1);
                }
            }
            // sends overlap across recipients but never within one: at most one call per recipient was in flight
            assertThat(unknown).isLessThanOrEqualTo(CONTACTS);
            assertThat(requests.values().stream().mapToInt(Integer::intValue).sum())
                    .isGreaterThan(beforeRestart); // the queue went on after the restart
        }
    }

    private static String login(ApiClient api) {
        return api.post("/api/v1/auth/login", Map.of("email", "crash@demo.test", "password", "crash-test-secret"), null)
                .json()
                .get("accessToken")
                .asString();
    }

    private static ApiClient.Response webhook(ApiClient api, String channelId, String waId, String wamid) {
        String payload = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{
                  "messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                  "contacts":[{"profile":{"name":"Crash %s"},"wa_id":"%s"}],
                  "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"hi"}}]},
                  "field":"messages"}]}]}
                """.formatted(
                        PHONE_NUMBER_ID, waId, waId, waId, wamid, Instant.now().getEpochSecond());
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return api.send(api.request("/webhooks/whatsapp/" + channelId, null)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + WhatsAppCloudChannelWebTests.hmacSha256Hex(APP_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static java.sql.Connection database(Path dataDir) throws Exception {
        int port = Integer.parseInt(
                Files.readString(dataDir.resolve("postgres.port")).trim());
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/switchboard", "postgres", "");
    }

    private static int unfinished(Path dataDir) throws Exception {
        try (var c = database(dataDir);
                var rs = c.createStatement()
                        .executeQuery(
                                "select count(*) from outbound_messages where status not in ('sent', 'failed')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Text of each reply → {delivery state, error}. */
    private static Map<String, String[]> outcomes(Path dataDir) throws Exception {
        Map<String, String[]> outcomes = new HashMap<>();
        try (var c = database(dataDir);
                var rs = c.createStatement()
                        .executeQuery("select body_text, delivery_state, coalesce(error, '') from messages"
                                + " where direction = 'outbound' and body_text like 'crash-send-%'")) {
            while (rs.next()) {
                outcomes.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return outcomes;
    }
}
