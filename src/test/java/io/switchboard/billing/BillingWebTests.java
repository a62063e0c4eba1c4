package io.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Plans, quotas and credits over HTTP in manual mode (no Stripe key). */
class BillingWebTests extends IntegrationTest {

    @Autowired
    Quotas quotas;

    @Test
    void aNewOrganisationIsOnTrialInManualMode() {
        String token = token(signup("Trial Bakery"));
        JsonNode billing = api.get("/api/v1/billing", token).json();
        assertThat(billing.get("mode").asString()).isEqualTo("manual");
        assertThat(billing.get("plan").get("id").asString()).isEqualTo("trial");
        assertThat(billing.get("status").asString()).isEqualTo("trialing");
        JsonNode usage = api.get("/api/v1/billing/usage", token).json();
        JsonNode ai = limit(usage, "aiReplies");
        assertThat(ai.get("used").asLong()).isZero();
        assertThat(ai.get("limitValue").asLong()).isEqualTo(50);
        assertThat(ai.get("percent").asInt()).isZero();
        assertThat(api.get("/api/v1/credits", token).json().get("billingMode").asString())
                .isEqualTo("manual");
        assertThat(api.get("/api/v1/billing/plans", token).json())
                .extracting(p -> p.get("id").asString())
                .containsExactly("trial", "basic", "pro", "enterprise");
    }

    @Test
    void aiRepliesStopAtTheLimitWithQuotaExceededProblemDetails() {
        JsonNode session = signup("Chatty Co");
        String token = token(session);
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        for (int i = 0; i < 50; i++) {
            assertThat(quotas.consume(orgId, Limit.AI_REPLIES, 1, "message-" + i)
                            .allowed())
                    .isTrue();
        }
        // a retried reply (same message id) is not counted again and stays allowed
        assertThat(quotas.consume(orgId, Limit.AI_REPLIES, 1, "message-7").allowed())
                .isTrue();
        var exceeded = quotas.consume(orgId, Limit.AI_REPLIES, 1, "message-50");
        assertThat(exceeded).isInstanceOfSatisfying(QuotaDecision.QuotaExceeded.class, e -> {
            assertThat(e.used()).isEqualTo(50);
            assertThat(e.limitValue()).isEqualTo(50);
            assertThat(e.resetsAt()).as("a trial does not renew").isNull();
        });
        JsonNode ai = limit(api.get("/api/v1/billing/usage", token).json(), "aiReplies");
        assertThat(ai.get("used").asLong()).isEqualTo(50);
        assertThat(ai.get("percent").asInt()).isEqualTo(100);

        var problem = api.post("/api/v1/billing/usage/check", Map.of("limit", "aiReplies", "amount", 1), token);
        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.json().get("type").asString()).endsWith("/quota-exceeded");
        assertThat(problem.json().get("limit").asString()).isEqualTo("aiReplies");
        assertThat(problem.json().get("limitValue").asLong()).isEqualTo(50);

        // a super admin moves the organisation to Basic: a new window with 100 replies that resets
        String admin = token(loginBootstrapOwner());
        var assigned = api.put("/api/v1/admin/organizations/" + orgId + "/plan", Map.of("planId", "basic"), admin);
        assertThat(assigned.status()).isEqualTo(200);
        JsonNode after = limit(api.get("/api/v1/billing/usage", token).json(), "aiReplies");
        assertThat(after.get("limitValue").asLong()).isEqualTo(100);
        assertThat(after.get("used").asLong()).isZero();
        assertThat(after.get("resetsAt").isNull()).isFalse();
        for (int i = 0; i < 100; i++) quotas.consume(orgId, Limit.AI_REPLIES, 1, "basic-" + i);
        var basicExceeded = api.post("/api/v1/billing/usage/check", Map.of("limit", "aiReplies", "amount", 1), token);
        assertThat(basicExceeded.status()).isEqualTo(429);
        assertThat(basicExceeded.json().get("resetsAt").asString()).isNotBlank();
        assertThat(basicExceeded.json().get("detail").asString()).contains("resets at");
    }

    @Test
    void onlySuperAdminsManagePlans() {
        String token = token(signup("Not Admin Ltd"));
        assertThat(api.get("/api/v1/admin/plans", token).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/admin/organizations/" + UUID.randomUUID() + "/plan", Map.of("planId", "pro"), token)
                        .status())
                .isEqualTo(403);
        String admin = token(loginBootstrapOwner());
        String id = "team-" + UUID.randomUUID().toString().substring(0, 8);
        var created = api.post(
                "/api/v1/admin/plans",
                Map.of("id", id, "name", "Team", "priceMinor", 4900, "limits", Map.of("aiReplies", 5000, "seats", 25)),
                admin);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("limits").get("aiReplies").asLong()).isEqualTo(5000);
        assertThat(created.json().get("limits").get("agents").isNull()).isTrue();
        var patched = api.patch("/api/v1/admin/plans/" + id, Map.of("priceMinor", 5900, "isPublic", false), admin);
        assertThat(patched.json().get("priceMinor").asLong()).isEqualTo(5900);
        assertThat(api.get("/api/v1/billing/plans", token).json())
                .extracting(p -> p.get("id").asString())
                .doesNotContain(id);
        assertThat(api.put("/api/v1/admin/organizations/" + UUID.randomUUID() + "/plan", Map.of("planId", "pro"), admin)
                        .status())
                .isEqualTo(404);
        var bad = api.post("/api/v1/admin/plans", Map.of("id", "Bad Id!", "name", "x"), admin);
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void grantsPostOnceAreAuditedAndShowInTheStatement() {
        JsonNode session = signup("Granted Inc");
        String token = token(session);
        var grant = Map.of("amountMinor", 2500, "reason", "Welcome credit", "idempotencyKey", "welcome");
        var first = api.post("/api/v1/credits/grants", grant, token);
        assertThat(first.status()).isEqualTo(201);
        assertThat(api.post("/api/v1/credits/grants", grant, token)
                        .json()
                        .get("entryId")
                        .asLong())
                .isEqualTo(first.json().get("entryId").asLong());
        JsonNode credits = api.get("/api/v1/credits", token).json();
        assertThat(credits.get("balanceMinor").asLong()).isEqualTo(2500);
        assertThat(credits.get("availableMinor").asLong()).isEqualTo(2500);
        assertThat(credits.get("heldMinor").asLong()).isZero();
        JsonNode entries = api.get("/api/v1/credits/entries", token).json();
        assertThat(entries.get("totalItems").asLong()).isEqualTo(1);
        assertThat(entries.get("items").get(0).get("kind").asString()).isEqualTo("grant");
        assertThat(entries.get("items").get(0).get("reason").asString()).isEqualTo("Welcome credit");
        var csv = api.get("/api/v1/credits/entries?format=csv", token);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw()).startsWith("id,created_at,kind").contains("grant,2500,2500,2500");
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        assertThat(ownerDb()
                        .fetchCount(
                                org.jooq.impl.DSL.table("audit_events"),
                                org.jooq.impl.DSL.field("org_id").eq(orgId),
                                org.jooq.impl.DSL.field("action").eq("credits.granted")))
                .isEqualTo(1);

        var invalid = api.post("/api/v1/credits/grants", Map.of("amountMinor", -5, "reason", ""), token);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(api.put("/api/v1/credits/settings", Map.of("lowBalanceThresholdMinor", 5000), token)
                        .json()
                        .get("lowBalance")
                        .asBoolean())
                .isTrue();
    }

    private static JsonNode limit(JsonNode usage, String name) {
        for (JsonNode l : usage.get("limits")) {
            if (l.get("limit").asString().equals(name)) return l;
        }
        throw new AssertionError("no limit " + name + " in " + usage);
    }
}
