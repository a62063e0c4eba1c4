package io.switchboard.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The e-mail digest: settings with validation, sent once per period to the owners, with the figures. */
class DigestWebTests extends IntegrationTest {

    @Test
    void theDigestCarriesTheWeeksFiguresAndGoesOutOncePerPeriod() {
        var session = signup("Digest Co");
        String token = token(session);
        String email = session.get("user").get("email").asString();
        String conversationId = sandboxConversation(token, "+14155550170", "Lin", "When is the pool open?");
        api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("text", "From 7 to 22."), token);

        assertThat(api.get("/api/v1/analytics/digest", token)
                        .json()
                        .get("frequency")
                        .asString())
                .isEqualTo("off");
        var bad = api.put("/api/v1/analytics/digest", Map.of("frequency", "hourly"), token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("frequency");
        var badZone =
                api.put("/api/v1/analytics/digest", Map.of("frequency", "weekly", "timeZone", "Nowhere/Land"), token);
        assertThat(badZone.json().get("errors").get(0).get("field").asString()).isEqualTo("timeZone");
        var saved =
                api.put("/api/v1/analytics/digest", Map.of("frequency", "weekly", "timeZone", "Europe/Paris"), token);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        assertThat(saved.json().get("frequency").asString()).isEqualTo("weekly");

        var sent = api.post("/api/v1/analytics/digest/send", Map.of(), token);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        assertThat(sent.json().get("recipients").asInt()).isEqualTo(1);
        assertThat(sent.json().get("transport").asString()).isEqualTo("dev_mailbox");
        // the same period again is refused, not sent twice
        assertThat(api.post("/api/v1/analytics/digest/send", Map.of(), token).status())
                .isEqualTo(409);
        assertThat(api.get("/api/v1/analytics/digest", token)
                        .json()
                        .get("recent")
                        .size())
                .isEqualTo(1);

        var mailbox = api.get("/api/v1/dev-mailbox?size=100", token).json().get("items");
        var digest = java.util.stream.StreamSupport.stream(mailbox.spliterator(), false)
                .filter(m -> m.get("to").asString().equalsIgnoreCase(email)
                        && m.get("subject").asString().startsWith("Switchboard digest"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no digest in " + mailbox));
        assertThat(digest.get("body").asString())
                .contains("Conversations: 1 (0 resolved)")
                .contains("Messages received: 1")
                .contains("replies by people: 1")
                .contains("(Europe/Paris)");

        // a viewer may read the settings but not change them
        String stranger = token(signup("Other Digest Co"));
        assertThat(api.get("/api/v1/analytics/digest", stranger)
                        .json()
                        .get("recent")
                        .size())
                .isZero();
    }
}
