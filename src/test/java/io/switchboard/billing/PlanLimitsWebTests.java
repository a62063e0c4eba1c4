package io.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ApiClient;
import io.switchboard.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The level limits of a plan (active channels, agents, knowledge-base bytes, seats) are measured by
 * the modules that own them and enforced when something is created, over HTTP.
 */
class PlanLimitsWebTests extends IntegrationTest {

    @Test
    void channelsAgentsKnowledgeAndSeatsStopAtThePlanLimits() {
        JsonNode session = signup("Tiny Shop");
        String token = token(session);
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        putOnPlan(orgId, tinyPlan(Map.of("activeChannels", 1, "agents", 1, "knowledgeBaseBytes", 100, "seats", 2)));

        // channels: one enabled channel; a disabled one is free, re-enabling it needs room again
        String first = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "One"), token)
                .json()
                .get("id")
                .asString();
        var second = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Two"), token);
        assertQuotaExceeded(second, "activeChannels", 1, 1);
        assertThat(api.delete("/api/v1/channels/" + first, token).status()).isEqualTo(204);
        String third = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Three"), token)
                .json()
                .get("id")
                .asString();
        assertThat(third).isNotBlank();
        assertQuotaExceeded(
                api.patch("/api/v1/channels/" + first, Map.of("enabled", true), token), "activeChannels", 1, 1);

        // agents
        assertThat(api.post("/api/v1/agents", Map.of("name", "Front desk"), token)
                        .status())
                .isEqualTo(201);
        assertQuotaExceeded(api.post("/api/v1/agents", Map.of("name", "Night desk"), token), "agents", 1, 1);

        // knowledge: 60 bytes fit, another 60 do not
        String kb = api.post("/api/v1/knowledge-bases", Map.of("name", "FAQ"), token)
                .json()
                .get("id")
                .asString();
        byte[] sixty = "Opening hours: nine to five, Monday to Friday, closed Sunday.".getBytes(StandardCharsets.UTF_8);
        assertThat(api.upload(
                                "/api/v1/knowledge-bases/" + kb + "/documents",
                                "file",
                                "hours.txt",
                                "text/plain",
                                sixty,
                                token)
                        .status())
                .as("accepted for ingestion")
                .isEqualTo(202);
        var tooMuch = api.upload(
                "/api/v1/knowledge-bases/" + kb + "/documents", "file", "more.txt", "text/plain", sixty, token);
        assertQuotaExceeded(tooMuch, "knowledgeBaseBytes", sixty.length, 100);

        // seats: the owner plus one open invitation fill two seats
        assertThat(api.post("/api/v1/invitations", Map.of("email", "ann@tiny.test", "role", "agent"), token)
                        .status())
                .isEqualTo(201);
        assertQuotaExceeded(
                api.post("/api/v1/invitations", Map.of("email", "bob@tiny.test", "role", "agent"), token),
                "seats",
                2,
                2);

        // the usage screen now measures every level limit
        JsonNode usage = api.get("/api/v1/billing/usage", token).json();
        assertThat(level(usage, "activeChannels").get("used").asLong()).isEqualTo(1);
        assertThat(level(usage, "agents").get("used").asLong()).isEqualTo(1);
        assertThat(level(usage, "knowledgeBaseBytes").get("used").asLong()).isEqualTo(sixty.length);
        assertThat(level(usage, "seats").get("used").asLong()).isEqualTo(2);
        for (String name : List.of("activeChannels", "agents", "knowledgeBaseBytes", "seats")) {
            assertThat(level(usage, name).get("measured").asBoolean()).as(name).isTrue();
        }
    }

    @Test
    void concurrentCreationsCannotBothTakeTheLastPlace() throws Exception {
        JsonNode session = signup("Race Shop");
        String token = token(session);
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        putOnPlan(orgId, tinyPlan(Map.of("agents", 1)));

        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "Agent " + i;
            attempts.add(() ->
                    api.post("/api/v1/agents", Map.of("name", name), token).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (Future<Integer> f : pool.invokeAll(attempts)) statuses.add(f.get());
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(5);
        assertThat(api.get("/api/v1/agents", token).json().get("items")).hasSize(1);
    }

    @Test
    void theBootstrapOrganisationIsOnAnUnlimitedPlan() {
        JsonNode billing =
                api.get("/api/v1/billing", token(loginBootstrapOwner())).json();
        assertThat(billing.get("plan").get("id").asString()).isEqualTo("enterprise");
        assertThat(billing.get("status").asString()).isEqualTo("active");
    }

    /** A super admin creates a plan with the given limits (everything else unlimited). */
    private String tinyPlan(Map<String, Integer> limits) {
        String id = "tiny-" + UUID.randomUUID().toString().substring(0, 8);
        var body = new HashMap<String, Object>();
        body.put("id", id);
        body.put("name", "Tiny " + id);
        body.put("priceMinor", 100);
        body.put("limits", limits);
        var created = api.post("/api/v1/admin/plans", body, token(loginBootstrapOwner()));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return id;
    }

    private void putOnPlan(UUID orgId, String planId) {
        var assigned = api.put(
                "/api/v1/admin/organizations/" + orgId + "/plan",
                Map.of("planId", planId),
                token(loginBootstrapOwner()));
        assertThat(assigned.status()).as(assigned.raw()).isEqualTo(200);
    }

    private static void assertQuotaExceeded(ApiClient.Response response, String limit, long used, long max) {
        assertThat(response.status()).as(response.raw()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).endsWith("/quota-exceeded");
        assertThat(problem.get("limit").asString()).isEqualTo(limit);
        assertThat(problem.get("used").asLong()).isEqualTo(used);
        assertThat(problem.get("limitValue").asLong()).isEqualTo(max);
        assertThat(problem.get("detail").asString()).contains("upgrade the plan");
    }

    private static JsonNode level(JsonNode usage, String limit) {
        for (JsonNode u : usage.get("limits")) if (u.get("limit").asString().equals(limit)) return u;
        throw new AssertionError("no usage row for " + limit + " in " + usage);
    }
}
