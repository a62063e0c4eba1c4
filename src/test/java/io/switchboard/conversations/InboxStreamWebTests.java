package io.switchboard.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

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

    @Test
    void changesCommittedOnOtherNodesReachThisNodesStreamAndLocalOnesAreRelayed() throws Exception {
        String token = token(signup("Cluster Org"));
        String orgId = api.get("/api/v1/me", token)
                .json()
                .get("organization")
                .get("id")
                .asString();
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "relay"), token)
                .json()
                .get("id")
                .asString();
        var mine = HttpClient.newHttpClient()
                .send(
                        api.request("/api/v1/inbox/stream", token)
                                .setHeader("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        String otherConversation = UUID.randomUUID().toString();
        CompletableFuture<String> fromOtherNode = CompletableFuture.supplyAsync(() -> mine.body()
                .filter(line -> line.startsWith("data:") && line.contains(otherConversation))
                .findFirst()
                .orElseThrow());

        // what this node tells the others: listen like another node would
        try (Connection listener = DriverManager.getConnection(
                databaseServer.jdbcUrl(), databaseServer.ownerUser(), databaseServer.ownerPassword())) {
            listener.createStatement().execute("LISTEN switchboard_live");
            api.post(
                    "/api/v1/channels/" + channelId + "/sandbox/messages",
                    Map.of("from", "+14155550161", "text", "relay me"),
                    token);
            String conversationId = await().atMost(Duration.ofSeconds(15))
                    .until(
                            () -> api.get("/api/v1/conversations", token).json().get("items"),
                            items -> items.size() == 1)
                    .get(0)
                    .get("id")
                    .asString();
            var relayed = new StringBuilder();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                var notifications = listener.unwrap(PGConnection.class).getNotifications(200);
                if (notifications != null) {
                    for (var n : notifications) relayed.append(n.getParameter());
                }
                return relayed.toString().contains(conversationId);
            });
            assertThat(relayed.toString()).contains(orgId);
        }

        // what another node tells this one
        ownerDb()
                .fetch(
                        "select pg_notify('switchboard_live', ?)",
                        "{\"node\":\"another-node\",\"updates\":[{\"orgId\":\"" + orgId + "\",\"conversationId\":\""
                                + otherConversation + "\",\"change\":\"message\"}]}");
        assertThat(fromOtherNode.get(15, TimeUnit.SECONDS)).contains("\"change\":\"message\"");
    }
}
