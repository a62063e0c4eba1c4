package io.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole path of a message through the sandbox channel: inject, process, inbox, reply, delivery. */
class SandboxChannelWebTests extends IntegrationTest {

    private String createSandbox(String token) {
        var created = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Demo sandbox"), token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("webhookUrl").isNull()).isTrue();
        return created.json().get("id").asString();
    }

    private JsonNode awaitConversations(String token, String query, int count) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> api.get("/api/v1/conversations" + query, token).json(),
                        page -> page.get("totalItems").asInt() >= count);
    }

    @Test
    void injectedMessageReachesTheInboxAndAReplyIsDelivered() {
        String token = token(signup("Sandbox Org"));
        String channelId = createSandbox(token);
        var accepted = api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "+14155550123", "name", "Ada", "text", "Hello, is the pool open?"),
                token);
        assertThat(accepted.status()).isEqualTo(202);

        var conversation = awaitConversations(token, "", 1).get("items").get(0);
        assertThat(conversation.get("contactName").asString()).isEqualTo("Ada");
        assertThat(conversation.get("contactPhone").asString()).isEqualTo("+14155550123");
        assertThat(conversation.get("lastMessagePreview").asString()).isEqualTo("Hello, is the pool open?");
        assertThat(conversation.get("unreadCount").asInt()).isEqualTo(1);
        String conversationId = conversation.get("id").asString();

        var reply = api.post(
                "/api/v1/conversations/" + conversationId + "/messages", Map.of("text", "Yes, until 9 pm."), token);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(reply.json().get("deliveryState").asString()).isEqualTo("queued");
        String messageId = reply.json().get("id").asString();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var messages = api.get("/api/v1/conversations/" + conversationId + "/messages", token)
                    .json()
                    .get("items");
            var sent = java.util.stream.StreamSupport.stream(messages.spliterator(), false)
                    .filter(m -> m.get("id").asString().equals(messageId))
                    .findFirst()
                    .orElseThrow();
            assertThat(sent.get("deliveryState").asString()).isEqualTo("delivered");
        });
        // the person who answered now holds the conversation: the bot stays out
        var after = api.get("/api/v1/conversations/" + conversationId, token).json();
        assertThat(after.get("assigneeUserId").isNull()).isFalse();
        assertThat(after.get("unreadCount").asInt()).isZero();
    }

    @Test
    void providerRetriesOfTheSameMessageAreStoredOnce() {
        String token = token(signup("Dedupe Org"));
        String channelId = createSandbox(token);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(
                                    "/api/v1/channels/" + channelId + "/sandbox/messages",
                                    Map.of("from", "+14155550124", "text", "once", "id", "wamid.same"),
                                    token)
                            .status())
                    .isEqualTo(202);
        }
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "+14155550124", "text", "twice", "id", "wamid.other"),
                token);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var health = api.get("/api/v1/channels/queues", token).json();
            assertThat(health.get("inboundPending").asLong()).isZero();
        });
        String conversationId =
                awaitConversations(token, "", 1).get("items").get(0).get("id").asString();
        var messages = api.get("/api/v1/conversations/" + conversationId + "/messages", token)
                .json();
        assertThat(messages.get("totalItems").asInt()).isEqualTo(2);
    }

    @Test
    void conversationsAreFoundByWordsInTheirMessages() {
        String token = token(signup("Search Org"));
        String channelId = createSandbox(token);
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "+14155550125", "text", "my dishwasher is leaking"),
                token);
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "+14155550126", "text", "parking permit please"),
                token);
        awaitConversations(token, "", 2);
        var found = api.get("/api/v1/conversations?q=dishwasher", token).json();
        assertThat(found.get("totalItems").asInt()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("contactPhone").asString()).isEqualTo("+14155550125");
    }

    @Test
    void snoozeNeedsAFutureTimeAndResolveClosesTheConversation() {
        String token = token(signup("Status Org"));
        String channelId = createSandbox(token);
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "+14155550127", "text", "hi"),
                token);
        String id =
                awaitConversations(token, "", 1).get("items").get(0).get("id").asString();
        var badSnooze = api.patch("/api/v1/conversations/" + id, Map.of("status", "snoozed"), token);
        assertThat(badSnooze.status()).isEqualTo(400);
        assertThat(badSnooze.json().get("errors").get(0).get("field").asString())
                .isEqualTo("snoozedUntil");
        var badStatus = api.patch("/api/v1/conversations/" + id, Map.of("status", "archived"), token);
        assertThat(badStatus.status()).isEqualTo(400);
        var labelled = api.patch(
                "/api/v1/conversations/" + id, Map.of("labels", java.util.List.of("billing", "urgent")), token);
        assertThat(labelled.json().get("labels").toString()).contains("billing");
        assertThat(api.get("/api/v1/conversations?label=billing", token)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/conversations?label=nothing", token)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
        assertThat(api.patch("/api/v1/conversations/" + id, Map.of("status", "resolved"), token)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("resolved");
        // a new message after resolving starts a new conversation
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "+14155550127", "text", "one more thing"),
                token);
        awaitConversations(token, "?status=open", 1);
    }

    @Test
    void secretsAreWriteOnlyAndUnknownSettingsAreRefused() {
        String token = token(signup("Channel config"));
        var unknown = api.post(
                "/api/v1/channels", Map.of("type", "sandbox", "name", "x", "config", Map.of("colour", "red")), token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("config.colour");
        var badType = api.post("/api/v1/channels", Map.of("type", "pigeon", "name", "x"), token);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("errors").get(0).get("field").asString()).isEqualTo("type");
    }

    @Test
    void disabledChannelRefusesInjectionAndSending() {
        String token = token(signup("Disabled Org"));
        String channelId = createSandbox(token);
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "+14155550128", "text", "hi"),
                token);
        String id =
                awaitConversations(token, "", 1).get("items").get(0).get("id").asString();
        assertThat(api.delete("/api/v1/channels/" + channelId, token).status()).isEqualTo(204);
        assertThat(api.post(
                                "/api/v1/channels/" + channelId + "/sandbox/messages",
                                Map.of("from", "+14155550128", "text", "again"),
                                token)
                        .status())
                .isEqualTo(409);
        var reply = api.post("/api/v1/conversations/" + id + "/messages", Map.of("text", "hello?"), token);
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("type").asString()).endsWith("/channel-disabled");
        // the refused reply left nothing behind
        assertThat(api.get("/api/v1/conversations/" + id + "/messages", token)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void unknownWebhookIs404AndStoresNothing() {
        var response = api.post("/webhooks/whatsapp/" + UUID.randomUUID(), Map.of("entry", java.util.List.of()), null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
