package io.switchboard.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application on a random port with its own embedded PostgreSQL in a temporary data dir.
 * Every test class extending this shares one context (and one database), so tests create their own
 * organisations instead of assuming an empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    public static final String BOOTSTRAP_EMAIL = "owner@demo.test";
    public static final String BOOTSTRAP_PASSWORD = "bootstrap-secret-42";
    private static final Path DATA_DIR = tempDir();

    @LocalServerPort
    protected int port;
    /** The application's own jOOQ context: connects as the app role, so RLS applies. */
    @Autowired
    protected org.jooq.DSLContext db;

    @Autowired
    protected io.switchboard.shared.db.DatabaseServer databaseServer;

    protected ApiClient api;

    @DynamicPropertySource
    static void testProperties(DynamicPropertyRegistry registry) {
        // one data dir per application context: contexts with other properties run their own database
        registry.add(
                "switchboard.data-dir",
                () -> DATA_DIR.resolve("context-${random.uuid}").toString());
        registry.add("switchboard.bootstrap.admin-email", () -> BOOTSTRAP_EMAIL);
        registry.add("switchboard.bootstrap.admin-password", () -> BOOTSTRAP_PASSWORD);
        // LLM provider fakes (WireMock) listen on loopback, which this operator setting allows;
        // link-local and metadata addresses stay refused (LlmProvidersWebTests)
        registry.add("switchboard.llm.allow-private-base-urls", () -> "true");
        registry.add("switchboard.llm.test-timeout", () -> "2s");
        // simulated calls play their steps quickly (the simulator's clock for durations is simulated)
        registry.add("switchboard.calls.simulator-step-delay", () -> "40ms");
        // tests start retention purges themselves (RetentionIntegrationTests): no scheduled run in between
        registry.add("switchboard.privacy.retention-initial-delay", () -> "3650d");
        // webhook receivers (WireMock) on http://localhost only; 127.0.0.1, 10.x and link-local stay
        // refused (WebhooksWebTests); a compressed retry schedule lets a test see a delivery die
        registry.add("switchboard.webhooks.allowed-hosts", () -> "localhost");
        registry.add("switchboard.webhooks.retry-schedule", () -> "200ms,400ms,600ms,800ms");
        registry.add("switchboard.webhooks.jitter", () -> "0.1");
    }

    @BeforeEach
    void newClient() {
        api = new ApiClient(port);
    }

    /** The schema owner's view of the database, for checking what is stored at rest (bypasses RLS). */
    protected org.jooq.DSLContext ownerDb() {
        var ds = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                databaseServer.jdbcUrl(), databaseServer.ownerUser(), databaseServer.ownerPassword());
        return org.jooq.impl.DSL.using(ds, org.jooq.SQLDialect.POSTGRES);
    }

    /** Signs up a fresh user with a fresh organisation; answers the session JSON. */
    protected JsonNode signup(String organizationName) {
        String email = "user-" + UUID.randomUUID() + "@example.test";
        var response = api.post(
                "/api/v1/auth/signup",
                Map.of(
                        "email",
                        email,
                        "password",
                        "correct horse battery",
                        "name",
                        "Test User",
                        "organizationName",
                        organizationName),
                null);
        if (response.status() != 201) {
            throw new AssertionError("signup failed: " + response.status() + " " + response.raw());
        }
        return response.json();
    }

    protected static String token(JsonNode session) {
        return session.get("accessToken").asString();
    }

    protected JsonNode loginBootstrapOwner() {
        var response =
                api.post("/api/v1/auth/login", Map.of("email", BOOTSTRAP_EMAIL, "password", BOOTSTRAP_PASSWORD), null);
        if (response.status() != 200) {
            throw new AssertionError("bootstrap login failed: " + response.raw());
        }
        return response.json();
    }

    /**
     * Opens a sandbox channel in a fresh organisation and lets a customer write on it; answers the id of
     * the conversation that starts (the organisation's only one).
     */
    protected String sandboxConversation(String token, String from, String name, String text) {
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Demo"), token)
                .json()
                .get("id")
                .asString();
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", from, "name", name, "text", text),
                token);
        return awaitOnlyConversation(token);
    }

    /** Waits until the organisation has exactly one conversation (inbound work is asynchronous); answers its id. */
    protected String awaitOnlyConversation(String token) {
        return org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/conversations", token).json(),
                        p -> p.get("totalItems").asInt() == 1)
                .get("items")
                .get(0)
                .get("id")
                .asString();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("switchboard-test-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
