package io.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Agent definitions over the API: defaults, validation as Problem Details, write-only secrets, channels. */
class AgentsWebTests extends IntegrationTest {

    private static String firstErrorField(JsonNode problem) {
        return problem.get("errors").get(0).get("field").asString();
    }

    @Test
    void anAgentIsCreatedWithDefaultsListedPagedAndDeleted() {
        String token = token(signup("Agents CRUD"));
        var created = api.post("/api/v1/agents", Map.of("name", "Front desk"), token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        var agent = created.json();
        assertThat(agent.get("mode").asString()).isEqualTo("offline");
        assertThat(agent.get("settings").get("languages").get(0).asString()).isEqualTo("en");
        assertThat(agent.get("settings").get("maxReplyLength").get("twilio_sms").asInt())
                .isEqualTo(320);
        assertThat(agent.get("settings").get("messages").get("fallback").isNull())
                .isTrue();
        String id = agent.get("id").asString();

        for (int i = 0; i < 3; i++) api.post("/api/v1/agents", Map.of("name", "Agent " + i), token);
        var page = api.get("/api/v1/agents?size=2&page=1", token).json();
        assertThat(page.get("totalItems").asInt()).isEqualTo(4);
        assertThat(page.get("items").size()).isEqualTo(2);

        var updated = api.put(
                "/api/v1/agents/" + id,
                Map.of(
                        "name",
                        "Front desk v2",
                        "settings",
                        Map.of(
                                "instructions",
                                "You are the front desk of Hotel Nova.",
                                "tone",
                                "warm",
                                "intents",
                                List.of(Map.of(
                                        "name", "hours", "examples", List.of("when are you open"), "reply", "9 to 5")),
                                "businessHours",
                                Map.of(
                                        "timezone",
                                        "Europe/Paris",
                                        "weekly",
                                        List.of(Map.of("day", "mon", "from", "09:00", "to", "17:00"))))),
                token);
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Front desk v2");
        assertThat(updated.json()
                        .get("settings")
                        .get("intents")
                        .get(0)
                        .get("reply")
                        .asString())
                .isEqualTo("9 to 5");

        assertThat(api.delete("/api/v1/agents/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/agents/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void badSettingsAnswerProblemDetailsNamingTheField() {
        String token = token(signup("Agents validation"));
        var badKb = api.post(
                "/api/v1/agents",
                Map.of(
                        "name",
                        "x",
                        "settings",
                        Map.of("knowledgeBaseIds", List.of(UUID.randomUUID().toString()))),
                token);
        assertThat(badKb.status()).isEqualTo(400);
        assertThat(badKb.contentType()).contains("application/problem+json");
        assertThat(firstErrorField(badKb.json())).isEqualTo("settings.knowledgeBaseIds[0]");

        // another organisation's provider is as unknown as a made-up one
        String otherToken = token(signup("Agents validation, other org"));
        String theirProvider = api.post(
                        "/api/v1/llm/providers",
                        Map.of("type", "openai", "name", "theirs", "apiKey", "sk-theirs", "model", "gpt-4o-mini"),
                        otherToken)
                .json()
                .get("id")
                .asString();
        var badChain = api.post(
                "/api/v1/agents", Map.of("name", "x", "settings", Map.of("llmChain", List.of(theirProvider))), token);
        assertThat(badChain.status()).isEqualTo(400);
        assertThat(firstErrorField(badChain.json())).isEqualTo("settings.llmChain[0]");

        var badZone = api.post(
                "/api/v1/agents",
                Map.of(
                        "name",
                        "x",
                        "settings",
                        Map.of("businessHours", Map.of("timezone", "Mars/Olympus", "weekly", List.of()))),
                token);
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(firstErrorField(badZone.json())).isEqualTo("settings.businessHours.timezone");

        for (String url : List.of(
                "http://127.0.0.1:8080/admin",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.5/internal",
                "http://[::1]/",
                "file:///etc/passwd",
                "http://{{host}}/x")) {
            var ssrf = api.post(
                    "/api/v1/agents",
                    Map.of(
                            "name",
                            "x",
                            "settings",
                            Map.of(
                                    "tools",
                                    List.of(Map.of("name", "orders", "description", "Look up an order", "url", url)))),
                    token);
            assertThat(ssrf.status()).as(url + ": " + ssrf.raw()).isEqualTo(400);
            assertThat(firstErrorField(ssrf.json())).isEqualTo("settings.tools[0].url");
        }

        var badIntent = api.post(
                "/api/v1/agents",
                Map.of(
                        "name",
                        "x",
                        "settings",
                        Map.of("intents", List.of(Map.of("name", "empty", "examples", List.of())))),
                token);
        assertThat(firstErrorField(badIntent.json())).isEqualTo("settings.intents[0].examples");
        var badRegex = api.post(
                "/api/v1/agents",
                Map.of("name", "x", "settings", Map.of("understanding", Map.of("regexes", Map.of("order", "([a-z")))),
                token);
        assertThat(firstErrorField(badRegex.json())).isEqualTo("settings.understanding.regexes.order");
        var noName = api.post("/api/v1/agents", Map.of("name", " "), token);
        assertThat(noName.status()).isEqualTo(400);
        assertThat(firstErrorField(noName.json())).isEqualTo("name");
    }

    @Test
    void secretToolHeadersAreWriteOnlyAndKeptWhenNotResent() {
        String token = token(signup("Agents secrets"));
        Map<String, Object> tool = Map.of(
                "name",
                "order_status",
                "description",
                "Look up an order by its number",
                "method",
                "GET",
                "url",
                "https://api.example.com/orders/{{orderId}}",
                "parametersSchema",
                "{\"type\":\"object\",\"properties\":{\"orderId\":{\"type\":\"string\"}}}",
                "headers",
                List.of(
                        Map.of("name", "Authorization", "value", "Bearer sk-very-secret", "secret", true),
                        Map.of("name", "Accept", "value", "application/json")));
        var created =
                api.post("/api/v1/agents", Map.of("name", "Orders", "settings", Map.of("tools", List.of(tool))), token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.raw()).doesNotContain("sk-very-secret");
        var header = created.json()
                .get("settings")
                .get("tools")
                .get(0)
                .get("headers")
                .get(0);
        assertThat(header.get("valueSet").asBoolean()).isTrue();
        assertThat(header.get("value").isNull()).isTrue();
        String id = created.json().get("id").asString();
        var stored = ownerDb().fetchOne("select settings::text, tool_secrets from agents where id = ?::uuid", id);
        assertThat(stored.get(0, String.class)).doesNotContain("sk-very-secret");
        assertThat(new String(stored.get(1, byte[].class), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("sk-very-secret");

        // the editor sends the header back without a value: the secret stays
        var resent = api.put(
                "/api/v1/agents/" + id,
                Map.of(
                        "name",
                        "Orders",
                        "settings",
                        Map.of(
                                "tools",
                                List.of(Map.of(
                                        "name", "order_status",
                                        "description", "Look up an order by its number",
                                        "url", "https://api.example.com/orders/{{orderId}}",
                                        "headers", List.of(Map.of("name", "Authorization", "secret", true)))))),
                token);
        assertThat(resent.status()).as(resent.raw()).isEqualTo(200);
        assertThat(resent.json()
                        .get("settings")
                        .get("tools")
                        .get(0)
                        .get("headers")
                        .get(0)
                        .get("valueSet")
                        .asBoolean())
                .isTrue();

        var newSecretWithoutValue = api.put(
                "/api/v1/agents/" + id,
                Map.of(
                        "name",
                        "Orders",
                        "settings",
                        Map.of(
                                "tools",
                                List.of(Map.of(
                                        "name", "order_status",
                                        "description", "Look up an order by its number",
                                        "url", "https://api.example.com/orders/{{orderId}}",
                                        "headers", List.of(Map.of("name", "X-Api-Key", "secret", true)))))),
                token);
        assertThat(newSecretWithoutValue.status()).isEqualTo(400);
        assertThat(firstErrorField(newSecretWithoutValue.json())).isEqualTo("settings.tools[0].headers[0].value");
    }

    @Test
    void aChannelPicksAnAgentOfItsOwnOrganisationOnly() {
        String token = token(signup("Agents channels"));
        String other = token(signup("Agents channels other"));
        String agentId = api.post("/api/v1/agents", Map.of("name", "Bot"), token)
                .json()
                .get("id")
                .asString();
        String foreignAgent = api.post("/api/v1/agents", Map.of("name", "Not yours"), other)
                .json()
                .get("id")
                .asString();
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Sandbox"), token)
                .json()
                .get("id")
                .asString();

        var foreign = api.patch("/api/v1/channels/" + channelId, Map.of("agentId", foreignAgent), token);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(firstErrorField(foreign.json())).isEqualTo("agentId");

        var attached = api.patch("/api/v1/channels/" + channelId, Map.of("agentId", agentId), token);
        assertThat(attached.json().get("agentId").asString()).isEqualTo(agentId);
        var agent = api.get("/api/v1/agents/" + agentId, token).json();
        assertThat(agent.get("channels").get(0).get("id").asString()).isEqualTo(channelId);

        var detached = api.patch("/api/v1/channels/" + channelId, Map.of("detachAgent", true), token);
        assertThat(detached.json().get("agentId").isNull()).isTrue();

        api.patch("/api/v1/channels/" + channelId, Map.of("agentId", agentId), token);
        api.delete("/api/v1/agents/" + agentId, token);
        assertThat(api.get("/api/v1/channels/" + channelId, token)
                        .json()
                        .get("agentId")
                        .isNull())
                .isTrue();
    }

    @Test
    void viewersCannotChangeAgents() {
        var owner = signup("Agents roles");
        String token = token(owner);
        String id = api.post("/api/v1/agents", Map.of("name", "Bot"), token)
                .json()
                .get("id")
                .asString();
        String key = api.post("/api/v1/api-keys", Map.of("name", "read only", "scopes", List.of("read")), token)
                .json()
                .get("key")
                .asString();
        assertThat(api.get("/api/v1/agents/" + id, key).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/agents/" + id, Map.of("name", "renamed"), key)
                        .status())
                .isEqualTo(403);
    }
}
