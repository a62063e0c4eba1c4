package io.switchboard.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ProviderFakesTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LlmProvidersWebTests extends ProviderFakesTest {

    private String token;
    private String orgId;

    @BeforeEach
    void organisation() {
        var session = signup("LLM providers " + unique(""));
        token = token(session);
        orgId = session.get("organization").get("id").asString();
    }

    private ApiClientResponse create(Map<String, Object> body) {
        var r = api.post("/api/v1/llm/providers", body, token);
        return new ApiClientResponse(r.status(), r.raw(), r.json());
    }

    private record ApiClientResponse(int status, String raw, JsonNode json) {}

    private Map<String, Object> openAi(String prefix, String key) {
        var body = new HashMap<String, Object>();
        body.put("type", "openai");
        body.put("name", "Fake OpenAI");
        body.put("baseUrl", PROVIDERS.baseUrl() + prefix + "/v1");
        body.put("apiKey", key);
        body.put("model", "gpt-4o-mini");
        return body;
    }

    @Test
    void theApiKeyIsWriteOnlyAndEncryptedAtRest() {
        String key = "sk-secret-" + UUID.randomUUID();
        var created = create(openAi("/" + unique("oa"), key));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw()).doesNotContain(key);
        assertThat(created.json().get("hasApiKey").asBoolean()).isTrue();
        assertThat(created.json().get("source").asString()).isEqualTo("organization");
        String id = created.json().get("id").asString();
        assertThat(api.get("/api/v1/llm/providers", token).raw())
                .doesNotContain(key)
                .contains(id);
        assertThat(api.get("/api/v1/llm/providers/" + id, token).raw()).doesNotContain(key);

        byte[] stored = ownerDb()
                .fetchSingle("select api_key from llm_providers where id = ?::uuid", id)
                .get(0, byte[].class);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .doesNotContain(key)
                .doesNotContain("sk-secret");

        var renamed = api.patch("/api/v1/llm/providers/" + id, Map.of("name", "Renamed", "temperature", 0.2), token);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Renamed");
        assertThat(renamed.json().get("hasApiKey").asBoolean()).isTrue();
        var keyRemoved = api.patch("/api/v1/llm/providers/" + id, Map.of("apiKey", ""), token);
        assertThat(keyRemoved.json().get("hasApiKey").asBoolean()).isFalse();

        assertThat(api.delete("/api/v1/llm/providers/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/llm/providers/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void anotherOrganisationsProviderIsNotFound() {
        String id = create(openAi("/" + unique("oa"), "sk-a")).json().get("id").asString();
        String other = token(signup("Other " + unique("")));

        assertThat(api.get("/api/v1/llm/providers/" + id, other).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/llm/providers/" + id, Map.of("name", "stolen"), other)
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/llm/providers/" + id + "/test", Map.of(), other)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/llm/providers/" + id, other).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/llm/providers", other).raw()).doesNotContain(id);
        assertThat(api.get("/api/v1/llm/providers/" + id, token)
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("Fake OpenAI");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        var metadata = openAi("", "sk-x");
        metadata.put("baseUrl", "http://169.254.169.254/latest/meta-data");
        var ssrf = create(metadata);
        assertThat(ssrf.status()).isEqualTo(400);
        assertThat(ssrf.json().get("errors").get(0).get("field").asString()).isEqualTo("baseUrl");
        assertThat(ssrf.json().get("detail").asString()).contains("link-local");

        var ftp = openAi("", "sk-x");
        ftp.put("baseUrl", "ftp://example.com/v1");
        assertThat(create(ftp).json().get("errors").get(0).get("field").asString())
                .isEqualTo("baseUrl");

        var noKey = create(Map.of("type", "anthropic", "name", "Claude"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().get("errors").get(0).get("field").asString()).isEqualTo("apiKey");

        var badType = create(Map.of("type", "skynet", "name", "x"));
        assertThat(badType.json().get("errors").get(0).get("field").asString()).isEqualTo("type");

        var hot = openAi("", "sk-x");
        hot.put("temperature", 7);
        assertThat(create(hot).json().get("errors").get(0).get("field").asString())
                .isEqualTo("temperature");
    }

    @Test
    void theTestCallSucceedsOrExplainsWhatFailed() {
        String prefix = "/" + unique("oa");
        LlmFakes.openAi(PROVIDERS, prefix, "sk-good", LlmFakes.openAiAnswer("pong", 20, 1));
        String good = create(openAi(prefix, "sk-good")).json().get("id").asString();
        String wrongKey = create(openAi(prefix, "sk-bad")).json().get("id").asString();
        var unreachable = openAi("", "sk-x");
        unreachable.put("baseUrl", "http://127.0.0.1:9/v1");
        String down = create(unreachable).json().get("id").asString();
        String slowPrefix = "/" + unique("oa");
        PROVIDERS.stubFor(post(urlEqualTo(slowPrefix + "/v1/chat/completions"))
                .willReturn(LlmFakes.openAiAnswer("late", 1, 1).withFixedDelay(8_000)));
        String slow = create(openAi(slowPrefix, "sk-slow")).json().get("id").asString();

        var ok = api.post("/api/v1/llm/providers/" + good + "/test", Map.of(), token);
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.json().get("ok").asBoolean()).isTrue();
        assertThat(ok.json().get("reply").asString()).isEqualTo("pong");

        var auth = api.post("/api/v1/llm/providers/" + wrongKey + "/test", Map.of(), token);
        assertThat(auth.status()).isEqualTo(502);
        assertThat(auth.contentType()).contains("application/problem+json");
        assertThat(auth.json().get("type").asString()).endsWith("/provider-auth-failed");
        assertThat(auth.json().get("providerStatus").asInt()).isEqualTo(401);
        assertThat(auth.raw()).doesNotContain("sk-bad");

        var refused = api.post("/api/v1/llm/providers/" + down + "/test", Map.of(), token);
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.json().get("type").asString()).endsWith("/provider-unreachable");

        var timeout = api.post("/api/v1/llm/providers/" + slow + "/test", Map.of(), token);
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(timeout.json().get("type").asString()).endsWith("/provider-timeout");

        var calls = ownerDb()
                .fetch(
                        "select outcome from llm_calls where org_id = ?::uuid and purpose = 'provider-test' order by id",
                        orgId);
        assertThat(calls.getValues(0, String.class)).containsExactly("ok", "error", "error", "timeout");
    }

    @Test
    void statusSaysWhichModeIsActive() {
        var offline = api.get("/api/v1/llm/status", token).json();
        assertThat(offline.get("mode").asString()).isEqualTo("offline");
        assertThat(offline.get("providers").size()).isZero();

        String id = create(openAi("/" + unique("oa"), "sk-1")).json().get("id").asString();
        var online = api.get("/api/v1/llm/status", token).json();
        assertThat(online.get("mode").asString()).isEqualTo("providers");
        assertThat(online.get("providers").get(0).get("circuitState").asString())
                .isEqualTo("closed");

        api.patch("/api/v1/llm/providers/" + id, Map.of("enabled", false), token);
        assertThat(api.get("/api/v1/llm/status", token).json().get("mode").asString())
                .isEqualTo("offline");
    }

    @Test
    void pricesHaveDefaultsAndOrganisationOverrides() {
        var prices = api.get("/api/v1/llm/prices", token).json().get("prices");
        JsonNode mini = null;
        for (JsonNode p : prices) if (p.get("model").asString().equals("gpt-4o-mini")) mini = p;
        assertThat(mini).isNotNull();
        assertThat(mini.get("inputMicrosPerMillion").asLong()).isEqualTo(150_000);
        assertThat(mini.get("source").asString()).isEqualTo("default");

        var put = api.put(
                "/api/v1/llm/prices",
                Map.of(
                        "prices",
                        List.of(
                                Map.of(
                                        "model",
                                        "gpt-4o-mini",
                                        "inputMicrosPerMillion",
                                        100_000,
                                        "outputMicrosPerMillion",
                                        400_000),
                                Map.of(
                                        "model",
                                        "my-local-model",
                                        "inputMicrosPerMillion",
                                        0,
                                        "outputMicrosPerMillion",
                                        0))),
                token);
        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        var after = put.json().get("prices");
        boolean sawOverride = false;
        for (JsonNode p : after) {
            if (p.get("model").asString().equals("gpt-4o-mini")) {
                assertThat(p.get("inputMicrosPerMillion").asLong()).isEqualTo(100_000);
                assertThat(p.get("source").asString()).isEqualTo("organization");
                sawOverride = true;
            }
        }
        assertThat(sawOverride).isTrue();
        assertThat(after.toString()).contains("my-local-model");
        // another organisation still pays the default
        String other = token(signup("Prices " + unique("")));
        assertThat(api.get("/api/v1/llm/prices", other).raw()).doesNotContain("my-local-model");

        var negative = api.put(
                "/api/v1/llm/prices",
                Map.of(
                        "prices",
                        List.of(Map.of("model", "x", "inputMicrosPerMillion", -1, "outputMicrosPerMillion", 0))),
                token);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.raw()).contains("inputMicrosPerMillion");
    }
}
