package io.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Published flows answering real conversations through the sandbox channel, before (and instead of) the agent. */
class FlowRuntimeWebTests extends IntegrationTest {

    private record Setup(String token, String channelId) {}

    private Setup orgWithTemplate(String org, String templateKey) {
        String token = token(signup(org));
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Lobby"), token)
                .json()
                .get("id")
                .asString();
        JsonNode template = null;
        for (JsonNode t : api.get("/api/v1/flows/templates", token).json()) {
            if (t.get("key").asString().equals(templateKey)) template = t;
        }
        assertThat(template).isNotNull();
        String flowId = api.post(
                        "/api/v1/flows",
                        Map.of("name", template.get("name").asString(), "document", template.get("document")),
                        token)
                .json()
                .get("id")
                .asString();
        var published = api.post("/api/v1/flows/" + flowId + "/publish", Map.of(), token);
        assertThat(published.status()).as(published.raw()).isEqualTo(200);
        return new Setup(token, channelId);
    }

    private void say(Setup s, String from, String text) {
        var accepted = api.post(
                "/api/v1/channels/" + s.channelId() + "/sandbox/messages",
                Map.of("from", from, "name", "Ana", "text", text),
                s.token());
        assertThat(accepted.status()).isEqualTo(202);
    }

    /** Bot messages of the organisation's only conversation, oldest first. */
    private List<String> botTexts(Setup s) {
        var conversations = api.get("/api/v1/conversations", s.token()).json();
        if (conversations.get("totalItems").asInt() == 0) return List.of();
        String id = conversations.get("items").get(0).get("id").asString();
        var items = api.get("/api/v1/conversations/" + id + "/messages?size=100", s.token())
                .json()
                .get("items");
        List<String> out = new ArrayList<>();
        for (JsonNode m : items) {
            if (!"outbound".equals(m.get("direction").asString())) continue;
            JsonNode c = m.get("content");
            out.add(
                    c.has("text")
                            ? c.get("text").asString()
                            : c.has("body") ? c.get("body").asString() : c.toString());
        }
        return out;
    }

    private void awaitBotSays(Setup s, String fragment) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(String.join("\n", botTexts(s))).contains(fragment));
    }

    @Test
    void leadQualificationTemplateQualifiesTagsAndHandsAHotLeadToSales() {
        Setup s = orgWithTemplate("Flow Leads Org", "lead-qualification");
        say(s, "+14155550181", "Hi, what is your pricing?");
        awaitBotSays(s, "What is your name?");
        say(s, "+14155550181", "Ana");
        awaitBotSays(s, "Which email address");
        say(s, "+14155550181", "not an email");
        awaitBotSays(s, "doesn't look like an email");
        say(s, "+14155550181", "ana@example.com");
        awaitBotSays(s, "monthly budget");
        say(s, "+14155550181", "2500");
        awaitBotSays(s, "When would you like to start?");
        say(s, "+14155550181", "Right away");
        awaitBotSays(s, "A sales person will join this chat right away");

        String conversationId = awaitOnlyConversation(s.token());
        var conversation =
                api.get("/api/v1/conversations/" + conversationId, s.token()).json();
        assertThat(conversation.toString()).contains("A sales person will join");
        String contactId = conversation.get("contactId").asString();
        var contact = api.get("/api/v1/contacts/" + contactId, s.token()).json();
        assertThat(contact.get("tags").toString()).contains("lead-hot");
        assertThat(contact.get("attributes").get("email").asString()).isEqualTo("ana@example.com");

        var steps = api.get("/api/v1/conversations/" + conversationId + "/flow-steps", s.token())
                .json();
        assertThat(steps.size()).isGreaterThan(6);
        assertThat(steps.toString()).contains("\"nodeId\":\"score\"", "hot", "\"budget\":2500");

        var flows = api.get("/api/v1/flows", s.token()).json().get("items");
        String flowId = flows.get(0).get("id").asString();
        var analytics =
                api.get("/api/v1/flows/" + flowId + "/analytics", s.token()).json();
        assertThat(analytics.get("entries").asInt()).isEqualTo(1);
        assertThat(analytics.get("handoffs").asInt()).isEqualTo(1);
        assertThat(analytics.get("nodes").toString()).contains("\"nodeId\":\"email\"");
        // the agent (there is none) never answered, and a person now holds the conversation: the flow is quiet
        int before = botTexts(s).size();
        say(s, "+14155550181", "pricing");
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(botTexts(s)).hasSize(before);
    }

    @Test
    void apartmentCommunityTemplateLogsAMaintenanceRequestThenHandsOffToTheCommittee() {
        Setup s = orgWithTemplate("Flow Residents Org", "apartment-community");
        say(s, "+14155550182", "hello");
        awaitBotSays(s, "Welcome to the residents' service");
        say(s, "+14155550182", "2");
        awaitBotSays(s, "describe the problem");
        say(s, "+14155550182", "The kitchen tap is leaking");
        awaitBotSays(s, "apartment number");
        say(s, "+14155550182", "12B");
        awaitBotSays(s, "send a photo");
        say(s, "+14155550182", "skip");
        awaitBotSays(s, "maintenance request for apartment 12B is logged: \"The kitchen tap is leaking\"");
        awaitBotSays(s, "Anything else?");

        // the session completed; "menu" starts it again, and the committee takes over
        say(s, "+14155550182", "menu");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> botTexts(s).stream()
                                .filter(t -> t.contains("Welcome to the residents"))
                                .count()
                        == 2);
        say(s, "+14155550182", "Talk to the committee");
        awaitBotSays(s, "connecting you with a member of the residents' committee");
        String conversationId = awaitOnlyConversation(s.token());
        var conversation =
                api.get("/api/v1/conversations/" + conversationId, s.token()).json();
        assertThat(conversation.get("handoffReason").asString()).contains("committee");
    }

    @Test
    void aDelayIsADurableTimerThatContinuesTheFlow() {
        String token = token(signup("Flow Timer Org"));
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Lobby"), token)
                .json()
                .get("id")
                .asString();
        var doc = Map.of(
                "nodes",
                List.of(
                        Map.of(
                                "id",
                                "s",
                                "type",
                                "start",
                                "data",
                                Map.of("triggers", List.of(Map.of("type", "keyword", "keywords", List.of("remind"))))),
                        Map.of("id", "a", "type", "message", "data", Map.of("text", "I will remind you in a second.")),
                        Map.of("id", "w", "type", "wait", "data", Map.of("mode", "delay", "seconds", 1)),
                        Map.of("id", "b", "type", "message", "data", Map.of("text", "Reminder: {{last_message}}")),
                        Map.of("id", "e", "type", "end", "data", Map.of())),
                "edges",
                List.of(
                        Map.of("source", "s", "sourceHandle", "next", "target", "a"),
                        Map.of("source", "a", "sourceHandle", "next", "target", "w"),
                        Map.of("source", "w", "sourceHandle", "next", "target", "b"),
                        Map.of("source", "b", "sourceHandle", "next", "target", "e")));
        String flowId = api.post("/api/v1/flows", Map.of("name", "Reminder", "document", doc), token)
                .json()
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/flows/" + flowId + "/publish", Map.of(), token)
                        .status())
                .isEqualTo(200);
        Setup s = new Setup(token, channelId);
        say(s, "+14155550183", "remind me to water the plants");
        awaitBotSays(s, "I will remind you in a second.");
        awaitBotSays(s, "Reminder: remind me to water the plants");
        assertThat(db.fetchCount(org.jooq.impl.DSL.table("flow_jobs"))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void stopRestartAndTheApiTrigger() {
        Setup s = orgWithTemplate("Flow Restart Org", "lead-qualification");
        say(s, "+14155550184", "I want a quote");
        awaitBotSays(s, "What is your name?");
        say(s, "+14155550184", "stop");
        awaitBotSays(s, "OK, I stopped.");
        say(s, "+14155550184", "restart");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> botTexts(s).stream()
                                .filter(t -> t.contains("What is your name?"))
                                .count()
                        == 2);

        String conversationId = awaitOnlyConversation(s.token());
        String flowId = api.get("/api/v1/flows", s.token())
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        var started =
                api.post("/api/v1/flows/" + flowId + "/start", Map.of("conversationId", conversationId), s.token());
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> botTexts(s).stream()
                                .filter(t -> t.contains("What is your name?"))
                                .count()
                        == 3);

        String draftOnly = api.post("/api/v1/flows", Map.of("name", "Unpublished"), s.token())
                .json()
                .get("id")
                .asString();
        var refused =
                api.post("/api/v1/flows/" + draftOnly + "/start", Map.of("conversationId", conversationId), s.token());
        assertThat(refused.status()).isEqualTo(409);
    }
}
