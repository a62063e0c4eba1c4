package io.switchboard.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.support.IntegrationTest;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The analytics figures against values computed by hand from a small seeded history (times chosen
 * so every median and every day boundary is known), plus filters and bad input.
 */
class AnalyticsWebTests extends IntegrationTest {

    private String token;
    private String orgId;
    private String channelId;
    private String otherChannelId;
    private DSLContext owner;

    @BeforeEach
    void seedHistory() {
        var session = signup("Analytics Co");
        token = token(session);
        orgId = session.get("organization").get("id").asString();
        channelId = channel(token, "Front desk");
        otherChannelId = channel(token, "Second line");
        owner = ownerDb();

        // A, 10 March: the bot answers twice, nobody else: contained; first answer after 30 s
        String a = conversation(channelId, "2026-03-10T10:00:00Z", "open", null);
        message(a, channelId, "inbound", "contact", "2026-03-10T10:00:00Z", "pricing");
        message(a, channelId, "outbound", "agent", "2026-03-10T10:00:30Z", null);
        message(a, channelId, "inbound", "contact", "2026-03-10T10:05:00Z", "booking");
        message(a, channelId, "outbound", "agent", "2026-03-10T10:05:10Z", null);
        // B, 10 March: bot after 10 s, handed off, a person after 120 s
        String b = conversation(channelId, "2026-03-10T12:00:00Z", "open", "asked for a person");
        message(b, channelId, "inbound", "contact", "2026-03-10T12:00:00Z", null);
        message(b, channelId, "outbound", "agent", "2026-03-10T12:00:10Z", null);
        message(b, channelId, "outbound", "user", "2026-03-10T12:02:00Z", null);
        // C, 11 March: only a person, after 60 s; resolved
        String c = conversation(channelId, "2026-03-11T09:00:00Z", "resolved", null);
        message(c, channelId, "inbound", "contact", "2026-03-11T09:00:00Z", "pricing");
        message(c, channelId, "outbound", "user", "2026-03-11T09:01:00Z", null);
        // D, 11 March 23:30 UTC (12 March in Tokyo), on the second channel: never answered
        String d = conversation(otherChannelId, "2026-03-11T23:30:00Z", "open", null);
        message(d, otherChannelId, "inbound", "contact", "2026-03-11T23:30:00Z", null);
        // AI provider calls: two answers by one model (one failed), one by another; one outside the range
        llmCall("Groq", "llama-8b", 120, 40, 300, "ok", "2026-03-10T10:00:20Z");
        llmCall("Groq", "llama-8b", 100, 0, 0, "timeout", "2026-03-10T12:00:05Z");
        llmCall("Gemini", "flash", 200, 60, 900, "ok", "2026-03-11T09:00:30Z");
        llmCall("Gemini", "flash", 999, 999, 99_999, "ok", "2026-03-13T08:00:30Z");
        // outside the range
        String e = conversation(channelId, "2026-03-13T08:00:00Z", "open", null);
        message(e, channelId, "inbound", "contact", "2026-03-13T08:00:00Z", "pricing");
    }

    private String channel(String token, String name) {
        return api.post("/api/v1/channels", Map.of("type", "sandbox", "name", name), token)
                .json()
                .get("id")
                .asString();
    }

    private String conversation(String channel, String at, String status, String handoffReason) {
        String contactId = api.post(
                        "/api/v1/contacts",
                        Map.of("name", "Guest " + UUID.randomUUID().toString().substring(0, 6)),
                        token)
                .json()
                .get("id")
                .asString();
        UUID id = UUID.randomUUID();
        owner.execute(
                "insert into conversations (id, org_id, contact_id, channel_id, status, handoff_reason, created_at)"
                        + " values (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?, ?::timestamptz)",
                id,
                orgId,
                contactId,
                channel,
                status,
                handoffReason,
                OffsetDateTime.parse(at));
        return id.toString();
    }

    private void message(
            String conversation, String channel, String direction, String sender, String at, String intent) {
        owner.execute(
                "insert into messages (id, org_id, conversation_id, channel_id, direction, sender_type, kind, content,"
                        + " body_text, delivery_state, created_at, understanding) values (?::uuid, ?::uuid, ?::uuid,"
                        + " ?::uuid, ?, ?, 'text', '{\"type\":\"text\",\"body\":\"hi\"}'::jsonb, 'hi', ?, ?::timestamptz,"
                        + " ?::jsonb)",
                UUID.randomUUID(),
                orgId,
                conversation,
                channel,
                direction,
                sender,
                "inbound".equals(direction) ? "received" : "delivered",
                OffsetDateTime.parse(at),
                intent == null ? null : "{\"intent\":\"" + intent + "\",\"confidence\":0.9}");
    }

    private void llmCall(String provider, String model, int in, int out, long costMicros, String outcome, String at) {
        owner.execute(
                "insert into llm_calls (org_id, provider_id, provider_type, provider_name, model, purpose, input_tokens,"
                        + " output_tokens, cost_micros, latency_ms, outcome, created_at) values (?::uuid, ?::uuid,"
                        + " 'openai', ?, ?, 'reply', ?, ?, ?, 100, ?, ?::timestamptz)",
                orgId,
                UUID.nameUUIDFromBytes(provider.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                provider,
                model,
                in,
                out,
                costMicros,
                outcome,
                OffsetDateTime.parse(at));
    }

    private JsonNode overview(String query) {
        var response = api.get("/api/v1/analytics/overview?from=2026-03-10&to=2026-03-11" + query, token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    @Test
    void figuresMatchTheSeededHistory() {
        var o = overview("");
        var t = o.get("totals");
        assertThat(t.get("conversations").asLong()).isEqualTo(4);
        assertThat(t.get("resolved").asLong()).isEqualTo(1);
        assertThat(t.get("handedOff").asLong()).isEqualTo(1);
        assertThat(t.get("answeredByBot").asLong()).isEqualTo(2);
        assertThat(t.get("contained").asLong()).isEqualTo(1);
        assertThat(t.get("containedRate").asDouble()).isEqualTo(0.5);
        // first answers 30, 10 and 60 s; the bot's 30 and 10; people's 120 and 60
        assertThat(t.get("medianFirstResponseSeconds").asDouble()).isCloseTo(30, within(0.001));
        assertThat(t.get("medianBotFirstResponseSeconds").asDouble()).isCloseTo(20, within(0.001));
        assertThat(t.get("medianHumanFirstResponseSeconds").asDouble()).isCloseTo(90, within(0.001));
        assertThat(t.get("inboundMessages").asLong()).isEqualTo(5);
        assertThat(t.get("botReplies").asLong()).isEqualTo(3);
        assertThat(t.get("humanReplies").asLong()).isEqualTo(2);

        var days = o.get("days");
        assertThat(days.size()).isEqualTo(2);
        assertThat(days.get(0).toString())
                .isEqualTo(
                        "{\"day\":\"2026-03-10\",\"conversations\":2,\"inbound\":3,\"botReplies\":3,\"humanReplies\":1}");
        assertThat(days.get(1).toString())
                .isEqualTo(
                        "{\"day\":\"2026-03-11\",\"conversations\":2,\"inbound\":2,\"botReplies\":0,\"humanReplies\":1}");
        assertThat(o.get("handoffReasons").toString()).isEqualTo("[{\"name\":\"asked for a person\",\"count\":1}]");
        assertThat(o.get("topIntents").toString())
                .isEqualTo("[{\"name\":\"pricing\",\"count\":2},{\"name\":\"booking\",\"count\":1}]");
        assertThat(o.get("campaigns").get("recipients").asLong()).isZero();
        assertThat(o.get("calls").get("calls").asLong()).isZero();
        assertThat(o.get("ai").toString())
                .isEqualTo("[{\"provider\":\"Gemini\",\"model\":\"flash\",\"calls\":1,\"failed\":0,\"inputTokens\":200,"
                        + "\"outputTokens\":60,\"costMicros\":900},{\"provider\":\"Groq\",\"model\":\"llama-8b\","
                        + "\"calls\":2,\"failed\":1,\"inputTokens\":220,\"outputTokens\":40,\"costMicros\":300}]");
    }

    @Test
    void daysAreCountedInTheChosenTimeZoneAndChannelsFilter() {
        // in Tokyo D starts on 12 March, outside the range; the others stay on their days
        var tokyo = overview("&timeZone=Asia/Tokyo");
        assertThat(tokyo.get("totals").get("conversations").asLong()).isEqualTo(3);
        assertThat(tokyo.get("timeZone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(tokyo.get("days").get(1).get("conversations").asLong()).isEqualTo(1);

        var second = overview("&channelId=" + otherChannelId);
        assertThat(second.get("totals").get("conversations").asLong()).isEqualTo(1);
        assertThat(second.get("totals").get("inboundMessages").asLong()).isEqualTo(1);
        assertThat(second.get("totals").get("answeredByBot").asLong()).isZero();
        assertThat(second.get("totals").get("containedRate").isNull()).isTrue();
        assertThat(second.get("totals").get("medianFirstResponseSeconds").isNull())
                .isTrue();
    }

    @Test
    void badInputNamesTheFieldAndAnotherOrganisationSeesNothing() {
        var backwards = api.get("/api/v1/analytics/overview?from=2026-03-12&to=2026-03-10", token);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("errors").get(0).get("field").asString())
                .isEqualTo("from");
        var tooLong = api.get("/api/v1/analytics/overview?from=2024-01-01&to=2026-03-10", token);
        assertThat(tooLong.status()).isEqualTo(400);
        var zone = api.get("/api/v1/analytics/overview?timeZone=Mars/Olympus", token);
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.json().get("errors").get(0).get("field").asString()).isEqualTo("timeZone");
        assertThat(api.get("/api/v1/analytics/overview?from=nope", token).status())
                .isEqualTo(400);

        String stranger = token(signup("Stranger Co"));
        assertThat(api.get("/api/v1/analytics/overview?channelId=" + channelId, stranger)
                        .status())
                .isEqualTo(404);
        var theirs = api.get("/api/v1/analytics/overview?from=2026-03-10&to=2026-03-11", stranger)
                .json();
        assertThat(theirs.get("totals").get("conversations").asLong()).isZero();
        assertThat(theirs.get("totals").get("inboundMessages").asLong()).isZero();
    }
}
