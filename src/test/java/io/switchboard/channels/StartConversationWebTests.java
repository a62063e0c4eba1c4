package io.switchboard.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Writing first: a conversation opened from a contact on a channel, then a reply that goes out. */
class StartConversationWebTests extends IntegrationTest {

    @Test
    void opensOneConversationPerContactAndChannelAndDeliversTheFirstMessage() {
        String token = token(signup("Write First Org"));
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Outbound"), token)
                .json()
                .get("id")
                .asString();
        String contactId = api.post("/api/v1/contacts", Map.of("name", "Grace", "phone", "+14155550177"), token)
                .json()
                .get("id")
                .asString();

        var started =
                api.post("/api/v1/channels/" + channelId + "/conversations", Map.of("contactId", contactId), token);
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        String conversationId = started.json().get("conversationId").asString();
        // asking again finds the same open conversation instead of a second one
        assertThat(api.post("/api/v1/channels/" + channelId + "/conversations", Map.of("contactId", contactId), token)
                        .json()
                        .get("conversationId")
                        .asString())
                .isEqualTo(conversationId);

        var conversation =
                api.get("/api/v1/conversations/" + conversationId, token).json();
        assertThat(conversation.get("contactId").asString()).isEqualTo(contactId);
        assertThat(conversation.get("lastInboundAt").isNull()).isTrue();

        var sent = api.post(
                "/api/v1/conversations/" + conversationId + "/messages",
                Map.of("text", "Your viewing is confirmed"),
                token);
        assertThat(sent.status()).as(sent.raw()).isIn(200, 201);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var messages = api.get("/api/v1/conversations/" + conversationId + "/messages", token)
                    .json();
            assertThat(messages.toString())
                    .contains("Your viewing is confirmed")
                    .contains("delivered");
        });
    }

    @Test
    void refusesAContactWithoutAnAddressAndUnknownContacts() {
        String token = token(signup("No Address Org"));
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Outbound"), token)
                .json()
                .get("id")
                .asString();
        String noPhone = api.post("/api/v1/contacts", Map.of("name", "Nobody"), token)
                .json()
                .get("id")
                .asString();

        var refused = api.post("/api/v1/channels/" + channelId + "/conversations", Map.of("contactId", noPhone), token);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("contactId");

        var missing = api.post("/api/v1/channels/" + channelId + "/conversations", Map.of(), token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.raw()).contains("contactId");

        String otherToken = token(signup("Other Org"));
        String foreignContact = api.post(
                        "/api/v1/contacts", Map.of("name", "Theirs", "phone", "+14155550178"), otherToken)
                .json()
                .get("id")
                .asString();
        assertThat(api.post(
                                "/api/v1/channels/" + channelId + "/conversations",
                                Map.of("contactId", foreignContact),
                                token)
                        .status())
                .isEqualTo(404);
    }
}
