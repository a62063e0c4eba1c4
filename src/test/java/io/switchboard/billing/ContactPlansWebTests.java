package io.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Contact plans in manual mode (no Stripe key): plan management, enforcement in conversations (rate
 * limit, per-contact quota, upgrade requests) and the contacts' self-service page with phone codes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContactPlansWebTests extends IntegrationTest {

    @Autowired
    ContactPlans contactPlans;

    @Autowired
    RetentionWindows retentionWindows;

    record Org(String token, UUID orgId, String channelId) {}

    private Org orgWithAgent(String name) {
        JsonNode session = signup(name);
        String token = token(session);
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        String agentId = api.post("/api/v1/agents", Map.of("name", "Bot"), token)
                .json()
                .get("id")
                .asString();
        String channelId = api.post(
                        "/api/v1/channels", Map.of("type", "sandbox", "name", "Sandbox", "agentId", agentId), token)
                .json()
                .get("id")
                .asString();
        return new Org(token, orgId, channelId);
    }

    private JsonNode plan(Org o, Map<String, Object> fields) {
        var body = new HashMap<String, Object>(Map.of("priceMinor", 0));
        body.putAll(fields);
        var created = api.post("/api/v1/contact-plans", body, o.token());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json();
    }

    private static String newPhone() {
        return "+1415555" + String.format("%04d", ThreadLocalRandom.current().nextInt(100, 10000));
    }

    private void inbound(Org o, String from, String text) {
        var accepted = api.post(
                "/api/v1/channels/" + o.channelId() + "/sandbox/messages",
                Map.of("from", from, "text", text),
                o.token());
        assertThat(accepted.status()).isEqualTo(202);
    }

    private String conversationOf(Org o, String phone) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> {
                            for (var item : api.get("/api/v1/conversations?channelId=" + o.channelId(), o.token())
                                    .json()
                                    .get("items")) {
                                if (phone.equals(item.path("contactPhone").asString()))
                                    return item.get("id").asString();
                            }
                            return null;
                        },
                        id -> id != null);
    }

    private List<JsonNode> messages(Org o, String conversationId, String senderType) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/v1/conversations/" + conversationId + "/messages?size=100", o.token())
                .json()
                .get("items")
                .forEach(m -> {
                    if (senderType.equals(m.get("senderType").asString())) out.add(m);
                });
        return out.reversed();
    }

    private List<JsonNode> runs(Org o, String conversationId) {
        List<JsonNode> out = new ArrayList<>();
        api.get("/api/v1/conversations/" + conversationId + "/agent-runs?size=100", o.token())
                .json()
                .get("items")
                .forEach(out::add);
        return out;
    }

    private String contactIdOf(Org o, String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId, o.token())
                .json()
                .get("contactId")
                .asString();
    }

    // ---- management ---------------------------------------------------------------------------

    @Test
    void adminsManagePlansAndOneFreeAllowanceAtATime() {
        Org o = orgWithAgent("Contact plans CRUD");
        assertThat(api.get("/api/v1/contact-plans/settings", o.token())
                        .json()
                        .get("mode")
                        .asString())
                .isEqualTo("manual");
        var standard = api.post("/api/v1/contact-plans/standard", Map.of(), o.token());
        assertThat(standard.status()).as(standard.raw()).isEqualTo(201);
        assertThat(standard.json().findValuesAsString("name")).containsExactly("Free", "Basic", "Pro", "Enterprise");
        assertThat(api.post("/api/v1/contact-plans/standard", Map.of(), o.token())
                        .status())
                .as("only while there are none")
                .isEqualTo(409);
        JsonNode basic = standard.json().get(1);
        assertThat(basic.get("aiReplies").asLong()).isEqualTo(100);
        assertThat(basic.get("historyDays").asInt()).isEqualTo(30);
        assertThat(standard.json().get(2).get("historyDays").asInt()).isEqualTo(90);
        assertThat(standard.json().get(3).get("aiReplies").isNull()).isTrue();

        // a second free allowance takes over from the first
        JsonNode trial = plan(o, Map.of("name", "Trial", "aiReplies", 3, "freeAllowance", true));
        var all = api.get("/api/v1/contact-plans", o.token()).json();
        List<String> free = new ArrayList<>();
        all.forEach(p -> {
            if (p.get("freeAllowance").asBoolean()) free.add(p.get("name").asString());
        });
        assertThat(free).containsExactly("Trial");

        var paidFree = api.post(
                "/api/v1/contact-plans", Map.of("name", "X", "priceMinor", 500, "freeAllowance", true), o.token());
        assertThat(paidFree.status()).isEqualTo(400);
        assertThat(paidFree.json().get("errors").get(0).get("field").asString()).isEqualTo("priceMinor");
        var badCurrency = api.post(
                "/api/v1/contact-plans", Map.of("name", "X", "priceMinor", 5, "currency", "dollars"), o.token());
        assertThat(badCurrency.status()).isEqualTo(400);
        assertThat(badCurrency.json().get("errors").get(0).get("field").asString())
                .isEqualTo("currency");

        var updated = api.put(
                "/api/v1/contact-plans/" + trial.get("id").asString(),
                Map.of("name", "Trial", "priceMinor", 0, "aiReplies", 5, "freeAllowance", true),
                o.token());
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.json().get("aiReplies").asLong()).isEqualTo(5);
        assertThat(api.delete("/api/v1/contact-plans/" + trial.get("id").asString(), o.token())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/contact-plans/" + trial.get("id").asString(), o.token())
                        .status())
                .as("never used: deleted")
                .isEqualTo(404);

        // an agent (role) reads but does not edit
        var settings =
                api.put("/api/v1/contact-plans/settings", Map.of("stripeAccountId", "not-an-account"), o.token());
        assertThat(settings.status()).isEqualTo(400);
        assertThat(settings.json().get("errors").get(0).get("field").asString()).isEqualTo("stripeAccountId");
        assertThat(api.put("/api/v1/contact-plans/settings", Map.of("stripeAccountId", "acct_1Demo"), o.token())
                        .json()
                        .get("stripeAccountId")
                        .asString())
                .isEqualTo("acct_1Demo");
    }

    @Test
    void anAdminAssignsAPlanInManualModeAndAUsedPlanIsArchivedNotDeleted() {
        Org o = orgWithAgent("Contact plans assign");
        JsonNode free = plan(o, Map.of("name", "Free", "aiReplies", 2, "historyDays", 7, "freeAllowance", true));
        JsonNode pro = plan(o, Map.of("name", "Pro", "priceMinor", 2500, "aiReplies", 1000, "historyDays", 90));
        String contactId = api.post("/api/v1/contacts", Map.of("name", "Resident", "phone", newPhone()), o.token())
                .json()
                .get("id")
                .asString();
        var before = api.get("/api/v1/contact-plans/contacts/" + contactId, o.token())
                .json();
        assertThat(before.get("onFreeAllowance").asBoolean()).isTrue();
        assertThat(before.get("plan").get("id").asString())
                .isEqualTo(free.get("id").asString());
        assertThat(before.get("limit").asLong()).isEqualTo(2);
        assertThat(before.get("mode").asString()).isEqualTo("manual");
        assertThat(contactPlans.contactHistoryDays(o.orgId(), UUID.fromString(contactId)))
                .isEqualTo(7);

        var assigned = api.put(
                "/api/v1/contact-plans/contacts/" + contactId,
                Map.of("planId", pro.get("id").asString()),
                o.token());
        assertThat(assigned.status()).as(assigned.raw()).isEqualTo(200);
        assertThat(assigned.json().get("plan").get("name").asString()).isEqualTo("Pro");
        assertThat(assigned.json().get("subscription").get("status").asString()).isEqualTo("active");
        assertThat(assigned.json().get("subscription").get("source").asString()).isEqualTo("manual");
        assertThat(contactPlans.contactHistoryDays(o.orgId(), UUID.fromString(contactId)))
                .isEqualTo(90);
        // the retention purge keeps a subscriber's history for their plan's window
        assertThat(retentionWindows
                        .forContact(o.orgId(), UUID.fromString(contactId))
                        .historyDays())
                .isEqualTo(90);
        assertThat(retentionWindows.contactOverrides(o.orgId()))
                .extracting(RetentionWindows.ContactWindow::contactId)
                .containsExactly(UUID.fromString(contactId));

        assertThat(api.put(
                                "/api/v1/contact-plans/contacts/" + contactId,
                                Map.of("planId", UUID.randomUUID().toString()),
                                o.token())
                        .status())
                .isEqualTo(400);

        assertThat(api.delete("/api/v1/contact-plans/" + pro.get("id").asString(), o.token())
                        .status())
                .isEqualTo(204);
        var archived = api.get("/api/v1/contact-plans/" + pro.get("id").asString(), o.token());
        assertThat(archived.json().get("archived").asBoolean()).isTrue();

        var cancelled = api.delete("/api/v1/contact-plans/contacts/" + contactId, o.token());
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.json().get("subscription").get("status").asString())
                .isEqualTo("cancelled");
        assertThat(cancelled.json().get("onFreeAllowance").asBoolean()).isTrue();
        assertThat(contactPlans.contactHistoryDays(o.orgId(), UUID.fromString(contactId)))
                .isEqualTo(7);
        assertThat(retentionWindows.contactOverrides(o.orgId())).isEmpty();
    }

    // ---- enforcement in conversations ----------------------------------------------------------

    @Test
    void overTheFreeAllowanceTheAgentSaysHowToUpgradeWithoutALinkAndNoLlmRuns() {
        Org o = orgWithAgent("Contact quota manual");
        plan(o, Map.of("name", "Free", "aiReplies", 1, "freeAllowance", true));
        plan(o, Map.of("name", "Basic", "priceMinor", 1000, "aiReplies", 100));
        String phone = newPhone();
        inbound(o, phone, "What time is checkout?");
        String conversationId = conversationOf(o, phone);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> messages(o, conversationId, "agent").size() == 1);
        inbound(o, phone, "And when is breakfast?");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> messages(o, conversationId, "agent").size() == 2);

        String notice = messages(o, conversationId, "agent")
                .get(1)
                .get("content")
                .get("body")
                .asString();
        assertThat(notice)
                .contains("used the 1 free replies")
                .contains("Basic: 100 replies per 30 days, USD 10.00")
                .contains("ask our team")
                .doesNotContain("http");
        var run = runs(o, conversationId).getFirst(); // newest first
        assertThat(run.get("outcome").asString()).isEqualTo("contact-quota-exceeded");
        assertThat(run.get("trace").get("steps").findValuesAsString("name"))
                .containsExactly("contact_plan")
                .doesNotContain("llm");
        var status = api.get("/api/v1/contact-plans/contacts/" + contactIdOf(o, conversationId), o.token())
                .json();
        assertThat(status.get("used").asLong()).isEqualTo(1);
        assertThat(status.get("percent").asInt()).isEqualTo(100);
    }

    @Test
    void askingToUpgradeInManualModeListsThePlansAndHandsOffToTheTeam() {
        Org o = orgWithAgent("Contact upgrade manual");
        plan(o, Map.of("name", "Free", "aiReplies", 10, "freeAllowance", true));
        plan(o, Map.of("name", "Pro", "priceMinor", 2500, "aiReplies", 1000));
        String phone = newPhone();
        inbound(o, phone, "How can I upgrade my plan?");
        String conversationId = conversationOf(o, phone);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> messages(o, conversationId, "agent").size() == 1);
        String reply = messages(o, conversationId, "agent")
                .getFirst()
                .get("content")
                .get("body")
                .asString();
        assertThat(reply)
                .contains("free allowance")
                .contains("Pro: 1,000 replies per 30 days, USD 25.00")
                .contains("ask our team")
                .doesNotContain("http");
        var conversation =
                api.get("/api/v1/conversations/" + conversationId, o.token()).json();
        assertThat(conversation.get("handoffReason").asString()).contains("upgrade");
        assertThat(runs(o, conversationId).getFirst().get("outcome").asString()).isEqualTo("upgrade-offered");
    }

    @Test
    void aContactWritingTooFastGetsOnePoliteThrottleReplyThenSilence() {
        Org o = orgWithAgent("Contact rate limit");
        plan(o, Map.of("name", "Free", "messagesPerMinute", 1, "freeAllowance", true));
        String phone = newPhone();
        inbound(o, phone, "hello");
        String conversationId = conversationOf(o, phone);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> runs(o, conversationId).size() == 1);
        inbound(o, phone, "hello again");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> runs(o, conversationId).size() == 2);
        inbound(o, phone, "are you there?");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> runs(o, conversationId).size() == 3);

        var agent = messages(o, conversationId, "agent");
        assertThat(agent).hasSize(2);
        assertThat(agent.get(1).get("content").get("body").asString())
                .contains("a little fast")
                .contains("1 per minute");
        var outcomes = runs(o, conversationId).stream()
                .map(r -> r.get("outcome").asString())
                .toList();
        // newest first: the first message was answered by the (offline) agent, the next two were throttled
        assertThat(outcomes.subList(0, 2)).containsExactly("throttled", "throttled");
        assertThat(outcomes.get(2)).isIn("replied", "fallback");
    }

    // ---- self-service page ----------------------------------------------------------------------

    private static String codeFromLog(CapturedOutput output, String phone) {
        var matcher = Pattern.compile("DEVELOPMENT OTP DELIVERY.*to " + Pattern.quote(phone) + ": .*?(\\d{6})")
                .matcher(output.getAll());
        String code = null;
        while (matcher.find()) code = matcher.group(1);
        assertThat(code).as("code in log").isNotNull();
        return code;
    }

    private String portalSignIn(CapturedOutput output, UUID orgId, String phone) {
        var sent = api.post("/api/v1/portal/" + orgId + "/otp", Map.of("phone", phone), null);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(202);
        assertThat(sent.json().get("delivery").asString()).isEqualTo("log");
        var session = api.post(
                "/api/v1/portal/" + orgId + "/verify",
                Map.of("phone", phone, "code", codeFromLog(output, phone)),
                null);
        assertThat(session.status()).as(session.raw()).isEqualTo(200);
        return session.json().get("token").asString();
    }

    @Test
    void aContactSignsInWithAPhoneCodeAndSeesOnlyTheirOwnPlanUsageAndHistory(CapturedOutput output) {
        Org o = orgWithAgent("Portal org");
        plan(o, Map.of("name", "Free", "aiReplies", 5, "historyDays", 7, "freeAllowance", true));
        JsonNode pro = plan(o, Map.of("name", "Pro", "priceMinor", 2500, "aiReplies", 1000, "historyDays", 90));
        String alice = newPhone();
        String bob = newPhone();
        inbound(o, alice, "Alice asks about the pool");
        inbound(o, bob, "Bob asks about parking");
        String aliceConversation = conversationOf(o, alice);
        String bobConversation = conversationOf(o, bob);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> messages(o, aliceConversation, "agent").size() == 1
                        && messages(o, bobConversation, "agent").size() == 1);
        api.put(
                "/api/v1/contact-plans/contacts/" + contactIdOf(o, aliceConversation),
                Map.of("planId", pro.get("id").asString()),
                o.token());

        String aliceToken = portalSignIn(output, o.orgId(), alice);
        var me = api.get("/api/v1/portal/me", aliceToken);
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.json().get("phone").asString()).isEqualTo(alice);
        assertThat(me.json().get("plan").get("plan").get("name").asString()).isEqualTo("Pro");
        assertThat(me.json().get("mode").asString()).isEqualTo("manual");
        assertThat(me.json().get("offered").findValuesAsString("name")).containsExactly("Pro");
        var history = api.get("/api/v1/portal/history", aliceToken).json();
        assertThat(history.get("items").findValuesAsString("text"))
                .contains("Alice asks about the pool")
                .noneMatch(t -> t.contains("Bob"));

        String bobToken = portalSignIn(output, o.orgId(), bob);
        var bobHistory = api.get("/api/v1/portal/history", bobToken).json();
        assertThat(bobHistory.get("items").findValuesAsString("text"))
                .contains("Bob asks about parking")
                .noneMatch(t -> t.contains("Alice"));
        assertThat(api.get("/api/v1/portal/me", bobToken)
                        .json()
                        .get("plan")
                        .get("onFreeAllowance")
                        .asBoolean())
                .isTrue();

        // Alice cancels her plan; she is back on the free allowance
        var cancelled = api.post("/api/v1/portal/cancel", Map.of(), aliceToken);
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.json().get("onFreeAllowance").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/portal/cancel", Map.of(), aliceToken).status())
                .isEqualTo(409);
        assertThat(api.post(
                                "/api/v1/portal/checkout",
                                Map.of("planId", pro.get("id").asString()),
                                aliceToken)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/billing-manual-mode");
    }

    @Test
    void contactTokensAreBoundToOneContactOfOneOrganisation(CapturedOutput output) {
        Org x = orgWithAgent("Portal X");
        Org y = orgWithAgent("Portal Y");
        plan(x, Map.of("name", "Free", "aiReplies", 5, "freeAllowance", true));
        plan(y, Map.of("name", "Free", "aiReplies", 5, "freeAllowance", true));
        String phone = newPhone();
        inbound(x, phone, "Secret of organisation X");
        conversationOf(x, phone);

        // organisation Y has no contact with this phone: no code, and X's code does not open Y
        api.post("/api/v1/portal/" + y.orgId() + "/otp", Map.of("phone", phone), null);
        assertThat(output.getAll()).doesNotContain("to " + phone + ":");
        String token = portalSignIn(output, x.orgId(), phone);
        String code = codeFromLog(output, phone);
        assertThat(api.post("/api/v1/portal/" + y.orgId() + "/verify", Map.of("phone", phone, "code", code), null)
                        .status())
                .isEqualTo(401);

        // the contact token reads X's contact only, and is no dashboard credential
        assertThat(api.get("/api/v1/portal/history", token).json().get("items").findValuesAsString("text"))
                .contains("Secret of organisation X");
        assertThat(api.get("/api/v1/contacts", token).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/contact-plans", token).status()).isEqualTo(401);
        // a user's access token is no contact token
        assertThat(api.get("/api/v1/portal/me", y.token()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/portal/me", null).status()).isEqualTo(401);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThat(api.get("/api/v1/portal/me", forged).status()).isEqualTo(401);
        // an organisation without contact plans has no portal
        Org none = orgWithAgent("Portal none");
        assertThat(api.get("/api/v1/portal/" + none.orgId() + "/plans", null).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/portal/" + x.orgId() + "/plans", null).status())
                .isEqualTo(200);
    }

    @Test
    void portalCodeRequestsAreRateLimited() {
        Org o = orgWithAgent("Portal limits");
        plan(o, Map.of("name", "Free", "aiReplies", 5, "freeAllowance", true));
        String phone = newPhone();
        int status = 0;
        for (int i = 0; i < 8 && status != 429; i++) {
            status = api.post("/api/v1/portal/" + o.orgId() + "/otp", Map.of("phone", phone), null)
                    .status();
        }
        assertThat(status).isEqualTo(429);
        var bad = api.post("/api/v1/portal/" + o.orgId() + "/otp", Map.of("phone", "12"), null);
        assertThat(bad.status()).isEqualTo(400);
    }
}
