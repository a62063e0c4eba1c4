package io.switchboard.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.conversations.MessageReceived;
import io.switchboard.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The reply pipeline on a sandbox channel: who answers, when the bot stays silent, handoff, idempotency. */
class AgentReplyIntegrationTests extends IntegrationTest {

    @Autowired
    AgentReplier replier;

    record Setup(String token, String channelId, String agentId) {}

    private Setup sandboxWithAgent(String org, Map<String, Object> settings) {
        String token = token(signup(org));
        var agent = api.post("/api/v1/agents", Map.of("name", "Bot", "settings", settings), token);
        assertThat(agent.status()).as(agent.raw()).isEqualTo(201);
        String agentId = agent.json().get("id").asString();
        String channelId = api.post(
                        "/api/v1/channels", Map.of("type", "sandbox", "name", "Sandbox", "agentId", agentId), token)
                .json()
                .get("id")
                .asString();
        return new Setup(token, channelId, agentId);
    }

    private void inbound(Setup s, String from, String text) {
        var accepted = api.post(
                "/api/v1/channels/" + s.channelId() + "/sandbox/messages",
                Map.of("from", from, "text", text),
                s.token());
        assertThat(accepted.status()).isEqualTo(202);
    }

    private String conversationOf(Setup s, String from) {
        return await()
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/conversations?channelId=" + s.channelId(), s.token())
                                .json()
                                .get("items"),
                        items -> items.size() > 0 && hasPhone(items, from))
                .findValues("id")
                .stream()
                .findFirst()
                .orElseThrow()
                .asString();
    }

    private static boolean hasPhone(JsonNode items, String phone) {
        for (var item : items) if (phone.equals(item.path("contactPhone").asString())) return true;
        return false;
    }

    private List<JsonNode> messages(Setup s, String conversationId) {
        var items = api.get("/api/v1/conversations/" + conversationId + "/messages?size=100", s.token())
                .json()
                .get("items");
        List<JsonNode> out = new ArrayList<>();
        items.forEach(out::add);
        return out.reversed(); // oldest first
    }

    private static List<JsonNode> from(List<JsonNode> messages, String senderType) {
        return messages.stream()
                .filter(m -> senderType.equals(m.get("senderType").asString()))
                .toList();
    }

    @Test
    void aHandoffKeywordPausesTheBotTellsTheContactAndRaisesPriority() {
        var s = sandboxWithAgent(
                "Reply handoff",
                Map.of(
                        "handoff", Map.of("keywords", List.of("complaint")),
                        "messages", Map.of("handoff", "Hang on, a teammate is coming.")));
        inbound(s, "+14155550301", "I want to file a complaint about my stay");
        String conversationId = conversationOf(s, "+14155550301");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> from(messages(s, conversationId), "agent").size() == 1);
        var all = messages(s, conversationId);
        assertThat(from(all, "agent").getFirst().get("content").get("body").asString())
                .isEqualTo("Hang on, a teammate is coming.");
        var note = from(all, "system").getFirst();
        assertThat(note.get("direction").asString()).isEqualTo("internal");
        assertThat(note.get("content").get("body").asString()).contains("keyword \"complaint\"");
        var conversation =
                api.get("/api/v1/conversations/" + conversationId, s.token()).json();
        assertThat(conversation.get("botPausedAt").isNull()).isFalse();
        assertThat(conversation.get("handoffReason").asString()).contains("complaint");
        assertThat(conversation.get("priority").asString()).isEqualTo("high");
        var run = api.get("/api/v1/conversations/" + conversationId + "/agent-runs", s.token())
                .json()
                .get("items")
                .get(0);
        assertThat(run.get("outcome").asString()).isEqualTo("handoff");
        assertThat(run.get("trace").get("steps").findValuesAsString("name")).contains("handoff_rules");

        // paused: the next message gets no bot answer
        inbound(s, "+14155550301", "hello?");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> from(messages(s, conversationId), "contact").size() == 2);
        assertThat(from(messages(s, conversationId), "agent")).hasSize(1);

        // a person hands back: the bot answers again
        var back = api.patch("/api/v1/conversations/" + conversationId, Map.of("unassign", true), s.token());
        assertThat(back.json().get("botPausedAt").isNull()).isTrue();
        inbound(s, "+14155550301", "anyone there now?");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> from(messages(s, conversationId), "agent").size() == 2);
    }

    @Autowired
    io.switchboard.billing.Quotas quotas;

    @Test
    void overTheAiReplyQuotaTheAgentSaysSoAndHandsOff() {
        var s = sandboxWithAgent(
                "Reply quota",
                Map.of("messages", Map.of("limitReached", "Our assistant is resting; a person will reply.")));
        var orgId = java.util.UUID.fromString(api.get("/api/v1/me", s.token())
                .json()
                .get("organization")
                .get("id")
                .asString());
        // the trial's 50 AI replies are used up elsewhere
        for (int i = 0; i < 50; i++) {
            quotas.consume(orgId, io.switchboard.billing.Limit.AI_REPLIES, 1, "earlier-reply-" + i);
        }
        inbound(s, "+14155550309", "What time is checkout?");
        String conversationId = conversationOf(s, "+14155550309");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> from(messages(s, conversationId), "agent").size() == 1);
        assertThat(from(messages(s, conversationId), "agent")
                        .getFirst()
                        .get("content")
                        .get("body")
                        .asString())
                .isEqualTo("Our assistant is resting; a person will reply.");
        var conversation =
                api.get("/api/v1/conversations/" + conversationId, s.token()).json();
        assertThat(conversation.get("botPausedAt").isNull()).isFalse();
        assertThat(conversation.get("handoffReason").asString()).contains("quota exceeded");
        // the quota was asked before the pipeline: the run shows no understanding or retrieval steps
        var runs = api.get("/api/v1/conversations/" + conversationId + "/agent-runs", s.token())
                .json();
        var trace = (runs.has("items") ? runs.get("items") : runs).get(0).get("trace");
        assertThat(trace.get("outcome").asString()).isEqualTo("quota-exceeded");
        assertThat(trace.get("mode").asString()).isEqualTo("quota");
        assertThat(trace.get("retrieved")).isEmpty();
        assertThat(quotas.check(orgId, io.switchboard.billing.Limit.AI_REPLIES, 1)
                        .allowed())
                .isFalse();
    }

    @Test
    void noBotReplyWhileAPersonHoldsTheConversation() {
        var s = sandboxWithAgent("Reply human", Map.of("handoff", Map.of("keywords", List.of("urgent"))));
        inbound(s, "+14155550302", "first message");
        String conversationId = conversationOf(s, "+14155550302");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> from(messages(s, conversationId), "agent").size() == 1);
        // a person answers: the conversation is theirs
        api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("text", "Hi, Sam here."), s.token());
        inbound(s, "+14155550302", "urgent: second message");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> from(messages(s, conversationId), "contact").size() == 2);
        // give the (asynchronous) agent a chance to misbehave, then check it did not
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(from(messages(s, conversationId), "agent")).hasSize(1);
        assertThat(api.get("/api/v1/conversations/" + conversationId + "/agent-runs", s.token())
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aRedeliveredMessageReceivedEventIsAnsweredOnce() {
        var s = sandboxWithAgent("Reply once", Map.of());
        inbound(s, "+14155550303", "hello");
        String conversationId = conversationOf(s, "+14155550303");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> from(messages(s, conversationId), "agent").size() == 1);
        var all = messages(s, conversationId);
        var inbound = from(all, "contact").getFirst();
        var conversation =
                api.get("/api/v1/conversations/" + conversationId, s.token()).json();
        UUID orgId = UUID.fromString(api.get("/api/v1/me", s.token())
                .json()
                .get("organization")
                .get("id")
                .asString());
        var event = new MessageReceived(
                orgId,
                UUID.fromString(conversationId),
                UUID.fromString(inbound.get("id").asString()),
                UUID.fromString(s.channelId()),
                UUID.fromString(conversation.get("contactId").asString()));
        assertThat(replier.answer(event)).isNull();
        assertThat(replier.answer(event)).isNull();
        assertThat(from(messages(s, conversationId), "agent")).hasSize(1);
    }

    @Test
    void understandingIsStoredOnTheInboundMessage() {
        var s = sandboxWithAgent("Reply understanding", Map.of());
        inbound(s, "+14155550304", "call me tomorrow at 5pm on +14155550999 or ada@example.com");
        String conversationId = conversationOf(s, "+14155550304");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> from(messages(s, conversationId), "agent").size() == 1);
        String stored = ownerDb()
                .fetchValue(
                        "select understanding::text from messages where conversation_id = ?::uuid and direction = 'inbound'",
                        conversationId)
                .toString();
        assertThat(stored).contains("\"type\": \"datetime\"", "\"value\": \"+14155550999\"", "ada@example.com");
    }
}
