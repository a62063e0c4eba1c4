package io.switchboard.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The live inbox stream pushes a change to the organisation's dashboards, and only to them. */
class InboxStreamWebTests extends IntegrationTest {

    @Test
    void newMessagePushesAnEventToTheOrganisationsStream() throws Exception {
        String token = token(signup("Stream Org"));
        String otherToken = token(signup("Other Stream Org"));
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "live"), token)
                .json()
                .get("id")
                .asString();

        var http = HttpClient.newHttpClient();
        var mine = http.send(
                api.request("/api/v1/inbox/stream", token)
                        .setHeader("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        var theirs = http.send(
                api.request("/api/v1/inbox/stream", otherToken)
                        .setHeader("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(mine.statusCode()).isEqualTo(200);

        CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> mine.body()
                .filter(line -> line.startsWith("data:") && line.contains("\"change\":\"message\""))
                .findFirst()
                .orElseThrow());
        CompletableFuture<String> leaked = CompletableFuture.supplyAsync(() -> theirs.body()
                .filter(line -> line.startsWith("data:") && line.contains("conversationId"))
                .findFirst()
                .orElse(""));

        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "+14155550160", "text", "live?"),
                token);
        String data = event.get(15, TimeUnit.SECONDS);
        String conversationId = api.get("/api/v1/conversations", token)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        assertThat(data).contains(conversationId);
        Thread.sleep(500);
        assertThat(leaked).isNotDone();
        leaked.cancel(true);
    }
}
