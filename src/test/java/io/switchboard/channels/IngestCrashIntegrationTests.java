package io.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.ApiClient;
import io.switchboard.support.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 the server while messages pour in; after a restart every acknowledged message is there
 * exactly once, and provider retries of them change nothing.
 */
class IngestCrashIntegrationTests {

    @Test
    void everyAcknowledgedMessageSurvivesAKillExactlyOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("switchboard-crash-");
        List<String> args = List.of(
                "--switchboard.bootstrap.admin-email=crash@demo.test",
                "--switchboard.bootstrap.admin-password=crash-test-secret");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String token;
        String channelId;
        try (var app = new AppProcess(dataDir, args)) {
            app.start();
            var api = new ApiClient(app.port());
            token = api.post(
                            "/api/v1/auth/login",
                            Map.of("email", "crash@demo.test", "password", "crash-test-secret"),
                            null)
                    .json()
                    .get("accessToken")
                    .asString();
            channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "crash"), token)
                    .json()
                    .get("id")
                    .asString();

            AtomicInteger sent = new AtomicInteger();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int worker = 0; worker < 8; worker++) {
                    int w = worker;
                    pool.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            String id = "crash-" + w + "-" + i;
                            try {
                                var response = api.post(
                                        "/api/v1/channels/" + channelId + "/sandbox/messages",
                                        Map.of(
                                                "from",
                                                "+1415555" + String.format("%04d", 1000 + w),
                                                "text",
                                                "message " + i,
                                                "id",
                                                id),
                                        token);
                                if (response.status() == 202) acknowledged.add(id);
                            } catch (RuntimeException connectionLost) {
                                return; // the server is gone: this one was never acknowledged
                            }
                            if (sent.incrementAndGet() == 300) {
                                try {
                                    app.kill();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }
                    });
                }
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(250);

        try (var app = new AppProcess(dataDir, args)) {
            app.start();
            var api = new ApiClient(app.port());
            String fresh = api.post(
                            "/api/v1/auth/login",
                            Map.of("email", "crash@demo.test", "password", "crash-test-secret"),
                            null)
                    .json()
                    .get("accessToken")
                    .asString();
            // providers retry what they think failed; replay a few acknowledged ones
            acknowledged.stream()
                    .limit(20)
                    .forEach(id -> api.post(
                            "/api/v1/channels/" + channelId + "/sandbox/messages",
                            Map.of("from", "+14155551000", "text", "retry", "id", id),
                            fresh));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.get("/api/v1/channels/queues", fresh)
                                    .json()
                                    .get("inboundPending")
                                    .asLong()
                            == 0);

            Map<String, Integer> stored = storedProviderIds(dataDir);
            for (String id : acknowledged) {
                assertThat(stored.get(id)).as("message " + id).isEqualTo(1);
            }
            assertThat(stored.values()).allMatch(count -> count == 1);
            assertThat(api.get("/api/v1/channels/queues", fresh)
                            .json()
                            .get("inboundFailed")
                            .asLong())
                    .isZero();
        }
    }

    private static Map<String, Integer> storedProviderIds(Path dataDir) throws Exception {
        int port = Integer.parseInt(
                Files.readString(dataDir.resolve("postgres.port")).trim());
        Map<String, Integer> counts = new HashMap<>();
        try (var c = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + port + "/switchboard", "postgres", "");
                var rs = c.createStatement()
                        .executeQuery(
                                "select provider_message_id, count(*) from messages where provider_message_id like 'crash-%' group by 1")) {
            while (rs.next()) counts.put(rs.getString(1), rs.getInt(2));
        }
        return counts;
    }
}
