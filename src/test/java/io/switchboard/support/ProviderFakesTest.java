package io.switchboard.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The application with every provider's base URL pointed at one WireMock server. All adapter tests
 * extend this, so they share one Spring context (and one embedded PostgreSQL). Tests never reset
 * the fake: each uses its own ids (phone number id, account SID) in the stubbed paths, so a retry
 * left over from another test cannot meet a stub it did not expect.
 */
public abstract class ProviderFakesTest extends IntegrationTest {

    protected static final WireMockServer PROVIDERS = startFakes();

    /** Providers reach us here (webhook URLs, media links for Twilio); requests still go to localhost. */
    public static final String PUBLIC_URL = "https://switchboard.example.test";

    @DynamicPropertySource
    static void providerUrls(DynamicPropertyRegistry registry) {
        registry.add("switchboard.public-url", () -> PUBLIC_URL);
        registry.add("switchboard.providers.whatsapp-graph-base-url", () -> PROVIDERS.baseUrl() + "/graph/v21.0");
        registry.add("switchboard.providers.twilio-base-url", () -> PROVIDERS.baseUrl() + "/twilio");
        // the fake stands in for tenants' web sites too (knowledge crawls): the operator allow-list
        // exempts exactly this host:port from the SSRF guard, 127.0.0.1 and other ports stay refused
        registry.add("switchboard.knowledge.allowed-hosts", () -> "localhost:" + PROVIDERS.port());
        // LLM provider base URLs point at this fake on loopback, which the operator setting allows
        registry.add("switchboard.llm.allow-private-base-urls", () -> "true");
        // billing in stripe mode against the fake (StripeFake)
        registry.add("switchboard.billing.stripe-secret-key", () -> STRIPE_SECRET_KEY);
        registry.add("switchboard.billing.stripe-webhook-secret", () -> STRIPE_WEBHOOK_SECRET);
        registry.add("switchboard.billing.stripe-base-url", () -> PROVIDERS.baseUrl() + "/stripe");
        registry.add("switchboard.billing.stripe-poll-interval", () -> "200ms");
        // calls go to the Bland fake (BlandCallsWebTests)
        registry.add("switchboard.calls.bland-api-key", () -> BLAND_API_KEY);
        registry.add("switchboard.calls.bland-base-url", () -> PROVIDERS.baseUrl() + "/bland");
        registry.add("switchboard.calls.bland-webhook-secret", () -> BLAND_WEBHOOK_SECRET);
        registry.add("switchboard.calls.poll-interval", () -> "300ms");
        // outbound caller ids bought from the Twilio fake (CallPhoneNumbersWebTests)
        registry.add("switchboard.calls.twilio-account-sid", () -> CALLS_TWILIO_SID);
        registry.add("switchboard.calls.twilio-auth-token", () -> CALLS_TWILIO_TOKEN);
        // the Google Sheets call log goes to the Sheets and OAuth token fakes (SheetsCallLogWebTests)
        registry.add("switchboard.calls.google-sheets-root-url", () -> PROVIDERS.baseUrl() + "/sheets/");
        registry.add("switchboard.calls.google-token-uri", () -> PROVIDERS.baseUrl() + "/google/token");
        registry.add("switchboard.calls.sheets-log-interval", () -> "200ms");
        registry.add("switchboard.calls.sheets-log-retry", () -> "300ms");
    }

    public static final String CALLS_TWILIO_SID = "AC" + "c0ffee".repeat(5) + "00";
    public static final String CALLS_TWILIO_TOKEN = "calls-twilio-token";
    public static final String BLAND_API_KEY = "sk-bland-switchboard-fake";
    public static final String BLAND_WEBHOOK_SECRET = "bland-webhook-signing-secret";
    public static final String STRIPE_SECRET_KEY = "sk_test_switchboard_fake_key";
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_switchboard_fake_secret";

    private static WireMockServer startFakes() {
        var server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Waits for the organisation's inbox to hold at least {@code count} conversations. */
    protected JsonNode awaitConversations(String token, int count) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/v1/conversations", token).json(),
                        page -> page.get("totalItems").asInt() >= count);
    }

    protected JsonNode messages(String token, String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId + "/messages", token)
                .json()
                .get("items");
    }

    protected JsonNode message(String token, String conversationId, String messageId) {
        return StreamSupport.stream(messages(token, conversationId).spliterator(), false)
                .filter(m -> m.get("id").asString().equals(messageId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no message " + messageId));
    }

    /** Waits until the inbound queue of the caller's organisation is drained. */
    protected void awaitInboundDrained(String token) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/channels/queues", token)
                                .json()
                                .get("inboundPending")
                                .asLong()
                        == 0);
    }
}
