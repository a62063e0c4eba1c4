package io.switchboard.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Streamed CSV exports of conversations, messages and contacts: every row comes back exactly, formula
 * cells are neutralised, the contact export imports again, and another organisation exports nothing.
 */
class CsvExportsWebTests extends IntegrationTest {

    private static List<CSVRecord> parse(String csv) throws Exception {
        return CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
    }

    @Test
    void messagesAndConversationsOfAnyNumberComeBackExactly() throws Exception {
        var session = signup("Export Co");
        String token = token(session);
        String orgId = session.get("organization").get("id").asString();
        String conversationId = sandboxConversation(token, "+14155550150", "Ada", "=HYPERLINK(\"http://evil.test\")");
        // 5,000 more messages in that conversation, written the fast way
        ownerDb().execute("""
                insert into messages (id, org_id, conversation_id, channel_id, direction, sender_type, kind, content,
                                      body_text, delivery_state, created_at)
                select gen_random_uuid(), c.org_id, c.id, c.channel_id, 'outbound', 'agent', 'text',
                       jsonb_build_object('type', 'text', 'body', 'answer ' || n), 'answer ' || n, 'delivered',
                       now() - make_interval(secs => 5000 - n)
                  from conversations c, generate_series(1, 5000) n
                 where c.id = ?::uuid
                """, conversationId);

        var messages = api.get("/api/v1/conversations/messages/export", token);
        assertThat(messages.status()).as(messages.raw()).isEqualTo(200);
        assertThat(messages.headers().get("content-type").getFirst()).startsWith("text/csv");
        assertThat(messages.headers().get("content-disposition").getFirst()).contains("messages.csv");
        var rows = parse(messages.raw());
        assertThat(rows).hasSize(5001);
        assertThat(rows.stream()
                        .filter(r -> r.get("text").equals("answer 4321"))
                        .count())
                .isEqualTo(1);
        assertThat(rows.stream().map(r -> r.get("text")))
                .contains("'=HYPERLINK(\"http://evil.test\")")
                .doesNotContain("=HYPERLINK(\"http://evil.test\")");
        assertThat(rows.getLast().get("conversation_id")).isEqualTo(conversationId);

        var conversations = parse(api.get("/api/v1/conversations/export", token).raw());
        assertThat(conversations).hasSize(1);
        assertThat(conversations.getFirst().get("contact_phone")).isEqualTo("+14155550150");
        assertThat(conversations.getFirst().get("messages")).isEqualTo("5001");

        // a period without anything: only the header
        assertThat(parse(api.get(
                                "/api/v1/conversations/messages/export?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z",
                                token)
                        .raw()))
                .isEmpty();
        var backwards =
                api.get("/api/v1/conversations/export?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", token);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.raw()).contains("\"field\":\"from\"");

        String stranger = token(signup("Stranger Export Co"));
        assertThat(parse(api.get("/api/v1/conversations/messages/export", stranger)
                        .raw()))
                .isEmpty();
        assertThat(orgId).isNotBlank();
    }

    @Test
    void contactsExportImportsAgain() throws Exception {
        String token = token(signup("Contacts Export Co"));
        api.post(
                "/api/v1/contacts",
                Map.of("name", "Grace Hopper", "phone", "+14155550160", "tags", List.of("vip", "tenant")),
                token);
        api.post("/api/v1/contacts", Map.of("name", "@admin", "email", "a@example.test"), token);

        var export = api.get("/api/v1/contacts/export", token);
        assertThat(export.status()).as(export.raw()).isEqualTo(200);
        var rows = parse(export.raw());
        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().get("phone")).isEqualTo("+14155550160");
        assertThat(rows.getFirst().get("tags")).isEqualTo("vip;tenant");
        assertThat(rows.get(1).get("name")).isEqualTo("'@admin");
        assertThat(parse(api.get("/api/v1/contacts/export?tag=vip", token).raw()))
                .hasSize(1);

        String other = token(signup("Import Again Co"));
        var imported = api.upload(
                "/api/v1/contacts/import",
                "file",
                "contacts.csv",
                "text/csv",
                export.raw().getBytes(StandardCharsets.UTF_8),
                other);
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        var again = parse(api.get("/api/v1/contacts/export", other).raw());
        assertThat(again).hasSize(2);
        var grace = again.stream()
                .filter(r -> r.get("phone").equals("+14155550160"))
                .findFirst()
                .orElseThrow();
        assertThat(grace.get("name")).isEqualTo("Grace Hopper");
        assertThat(grace.get("tags")).isEqualTo("vip;tenant");
    }
}
