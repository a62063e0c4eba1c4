package io.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.ApiClient;
import io.switchboard.support.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 the server while a flow waits on a durable timer: after a restart the timer fires on the
 * new process and the persisted session continues exactly where it was (variables included).
 */
class FlowCrashIntegrationTests {

    private static final List<String> ARGS = List.of(
            "--switchboard.bootstrap.admin-email=flowcrash@demo.test",
            "--switchboard.bootstrap.admin-password=flow-crash-secret");

    private static Map<String, Object> n(String id, String type, Map<String, Object> data) {
        return Map.of("id", id, "type", type, "data", data);
    }

    private static Map<String, Object> e(String s, String h, String t) {
        return Map.of("source", s, "sourceHandle", h, "target", t);
    }

    private static String login(ApiClient api) {
        return api.post(
                        "/api/v1/auth/login",
                        Map.of("email", "flowcrash@demo.test", "password", "flow-crash-secret"),
                        null)
                .json()
                .get("accessToken")
                .asString();
    }

    private static String bot(ApiClient api, String token) {
        var conversations = api.get("/api/v1/conversations", token).json();
        if (conversations.get("totalItems").asInt() == 0) return "";
        String id = conversations.get("items").get(0).get("id").asString();
        List<String> out = new ArrayList<>();
        for (JsonNode m : api.get("/api/v1/conversations/" + id + "/messages?size=100", token)
                .json()
                .get("items")) {
            if ("outbound".equals(m.get("direction").asString()))
                out.add(m.get("content").toString());
        }
        return String.join("\n", out);
    }

    @Test
    void aSessionWaitingOnATimerContinuesAfterKill9() throws Exception {
        Path dataDir = Files.createTempDirectory("switchboard-flow-crash-");
        String channelId;
        try (var app = new AppProcess(dataDir, ARGS)) {
            app.start();
            var api = new ApiClient(app.port());
            String token = login(api);
            channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "crash"), token)
                    .json()
                    .get("id")
                    .asString();
            var doc = Map.of(
                    "nodes",
                    List.of(
                            n(
                                    "s",
                                    "start",
                                    Map.of("triggers", List.of(Map.of("type", "keyword", "keywords", List.of("hi"))))),
                            n("name", "question", Map.of("prompt", "Your name?", "kind", "text", "variable", "name")),
                            n("thanks", "message", Map.of("text", "Thanks {{name}}, one moment.")),
                            n("wait", "wait", Map.of("mode", "delay", "seconds", 4)),
                            n(
                                    "city",
                                    "question",
                                    Map.of(
                                            "prompt",
                                            "Still there, {{name}}? Your city?",
                                            "kind",
                                            "text",
                                            "variable",
                                            "city")),
                            n("bye", "end", Map.of("message", "Bye {{name}} from {{city}}."))),
                    "edges",
                    List.of(
                            e("s", "next", "name"),
                            e("name", "next", "thanks"),
                            e("thanks", "next", "wait"),
                            e("wait", "next", "city"),
                            e("city", "next", "bye")));
            String flowId = api.post("/api/v1/flows", Map.of("name", "Crash", "document", doc), token)
                    .json()
                    .get("id")
                    .asString();
            assertThat(api.post("/api/v1/flows/" + flowId + "/publish", Map.of(), token)
                            .status())
                    .isEqualTo(200);
            api.post(
                    "/api/v1/channels/" + channelId + "/sandbox/messages",
                    Map.of("from", "+14155550190", "text", "hi"),
                    token);
            await().atMost(Duration.ofSeconds(30)).until(() -> bot(api, token).contains("Your name?"));
            api.post(
                    "/api/v1/channels/" + channelId + "/sandbox/messages",
                    Map.of("from", "+14155550190", "text", "Ana"),
                    token);
            await().atMost(Duration.ofSeconds(30)).until(() -> bot(api, token).contains("Thanks Ana, one moment."));
            assertThat(bot(api, token)).doesNotContain("Your city?");
            app.kill(); // the 4 s timer has not fired yet
        }
        try (var app = new AppProcess(dataDir, ARGS)) {
            app.start();
            var api = new ApiClient(app.port());
            String token = login(api);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> bot(api, token).contains("Still there, Ana? Your city?"));
            api.post(
                    "/api/v1/channels/" + channelId + "/sandbox/messages",
                    Map.of("from", "+14155550190", "text", "Porto"),
                    token);
            await().atMost(Duration.ofSeconds(30)).until(() -> bot(api, token).contains("Bye Ana from Porto."));
        }
    }
}
