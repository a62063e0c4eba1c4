package io.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.billing.Credits;
import io.switchboard.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A call's summary, outcome and transcript sit on the contact's timeline next to their messages. */
class CallTimelineWebTests extends IntegrationTest {

    @Autowired
    Credits credits;

    @Test
    void theContactTimelineShowsMessagesAndTheCallWithItsTranscriptNewestFirst() {
        JsonNode session = signup("Timeline Sales");
        String token = token(session);
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        credits.topUp(orgId, 1000, "test credit", "test-" + UUID.randomUUID());
        String channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Web"), token)
                .json()
                .get("id")
                .asString();
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", "+14155550777", "text", "Do you have a free trial?"),
                token);
        JsonNode contact = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/contacts?q=4155550777", token)
                                .json()
                                .get("items"),
                        items -> items.size() == 1)
                .get(0);
        String contactId = contact.get("id").asString();

        var placed = api.post(
                "/api/v1/calls",
                Map.of(
                        "contactId",
                        contactId,
                        "task",
                        "You sell the Acme CRM with a free trial of fourteen days.",
                        "maxDurationMinutes",
                        2,
                        "metadata",
                        Map.of("topics", "trial", "simulate_outcome", "interested")),
                token);
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        String callId = placed.json().get("call").get("id").asString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/calls/" + callId, token).json(),
                        c -> !c.get("outcome").isNull());

        var timeline = api.get("/api/v1/contacts/" + contactId + "/timeline", token);
        assertThat(timeline.status()).as(timeline.raw()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        timeline.json().get("entries").forEach(entries::add);
        assertThat(entries).extracting(e -> e.get("kind").asString()).contains("message", "call");
        JsonNode call = entries.stream()
                .filter(e -> "call".equals(e.get("kind").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(call.get("id").asString()).isEqualTo(callId);
        assertThat(call.get("details").get("outcome").asString()).isEqualTo("interested");
        assertThat(call.get("details").get("transcript").asString())
                .contains(": ")
                .contains("\n");
        assertThat(call.get("text").asString()).isNotBlank();
        JsonNode message = entries.stream()
                .filter(e -> "message".equals(e.get("kind").asString())
                        && "inbound".equals(e.get("direction").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(message.get("text").asString()).isEqualTo("Do you have a free trial?");
        // newest first: the call was placed after the message
        assertThat(entries.indexOf(call)).isLessThan(entries.indexOf(message));

        // paging backwards: one entry per page reaches the message after the call
        var first = api.get("/api/v1/contacts/" + contactId + "/timeline?limit=1", token)
                .json();
        assertThat(first.get("entries").get(0).get("kind").asString()).isEqualTo("call");
        String before = first.get("nextBefore").asString();
        var rest = api.get("/api/v1/contacts/" + contactId + "/timeline?limit=100&before=" + before, token)
                .json();
        assertThat(rest.get("entries").findValuesAsString("kind"))
                .contains("message")
                .doesNotContain("call");
        assertThat(rest.get("nextBefore").isNull()).isTrue();

        var badLimit = api.get("/api/v1/contacts/" + contactId + "/timeline?limit=0", token);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.raw()).contains("limit");

        // another organisation sees a 404, not the contact's history
        String other = token(signup("Timeline Other"));
        assertThat(api.get("/api/v1/contacts/" + contactId + "/timeline", other).status())
                .isEqualTo(404);
    }
}
