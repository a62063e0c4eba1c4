package io.switchboard.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GDPR for one contact: the export holds everything on them and nothing of anyone else, the erasure
 * removes their messages, files and search entries everywhere and leaves an audit record with counts
 * only, a legal hold blocks it, and another organisation gets 404 for both.
 */
class ContactPrivacyWebTests extends IntegrationTest {

    private record Org(UUID id, String token, String channelId) {}

    private Org org(String name) {
        var session = signup(name);
        String token = token(session);
        var channel = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "GDPR sandbox"), token);
        assertThat(channel.status()).as(channel.raw()).isEqualTo(201);
        return new Org(
                UUID.fromString(session.get("organization").get("id").asString()),
                token,
                channel.json().get("id").asString());
    }

    /** The contact writes; answers their conversation once it is stored. */
    private JsonNode say(Org org, String from, String name, String text) {
        var accepted = api.post(
                "/api/v1/channels/" + org.channelId() + "/sandbox/messages",
                Map.of("from", from, "name", name, "text", text),
                org.token());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(15)).until(() -> conversationOf(org, name), c -> c != null);
    }

    private JsonNode conversationOf(Org org, String contactName) {
        var items =
                api.get("/api/v1/conversations?size=100", org.token()).json().get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(c -> contactName.equals(c.get("contactName").asString(null)))
                .findFirst()
                .orElse(null);
    }

    private List<String> search(Org org, String query) {
        var response = api.get(
                "/api/v1/conversations/search?mode=bm25&k=50&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                org.token());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("hits").spliterator(), false)
                .map(h -> h.get("snippet").asString())
                .toList();
    }

    private record Download(int status, String contentType, byte[] body) {}

    private Download export(String contactId, String token) throws Exception {
        var request = api.request("/api/v1/contacts/" + contactId + "/export", token)
                .header("Accept", "application/zip, application/problem+json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Download(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private long count(String sql, Object... binds) {
        return ownerDb().resultQuery(sql, binds).fetchSingle(0, Long.class);
    }

    @Test
    void exportHoldsEverythingOnTheContactAndNothingOfAnyoneElse() throws Exception {
        Org org = org("GDPR Export");
        Org other = org("GDPR Export Other");
        JsonNode erin = say(org, "+14155550401", "Erin Example", "My secret pineapple recipe is attached");
        String contactId = erin.get("contactId").asString();
        String conversationId = erin.get("id").asString();
        byte[] photo = {(byte) 0x89, 'P', 'N', 'G', 9, 8, 7};
        var upload = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments",
                "file",
                "recipe.png",
                "image/png",
                photo,
                org.token());
        assertThat(upload.status()).as(upload.raw()).isEqualTo(201);
        api.patch("/api/v1/contacts/" + contactId, Map.of("attributes", Map.of("flat", "4B")), org.token());
        say(org, "+14155550402", "Otto Other", "Unrelated kumquat question");
        say(other, "+14155550401", "Erin Elsewhere", "Another organisation's durian");

        var archive = export(contactId, org.token());

        assertThat(archive.status())
                .as(new String(archive.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(archive.contentType()).isEqualTo("application/zip");
        Map<String, byte[]> files = unzip(archive.body());
        assertThat(files)
                .containsKeys(
                        "export/manifest.json",
                        "contact/contact.json",
                        "contact/identities.json",
                        "audit/events.json",
                        "conversations/conversations-" + contactId + ".json");
        String everything = files.values().stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .reduce("", String::concat);
        assertThat(new String(files.get("contact/contact.json"), StandardCharsets.UTF_8))
                .contains("Erin Example", "+14155550401", "4B");
        String conversations =
                new String(files.get("conversations/conversations-" + contactId + ".json"), StandardCharsets.UTF_8);
        assertThat(conversations).contains("My secret pineapple recipe is attached", "recipe.png");
        String mediaPath = files.keySet().stream()
                .filter(k -> k.startsWith("conversations/media/"))
                .findFirst()
                .orElseThrow();
        assertThat(files.get(mediaPath)).isEqualTo(photo);
        assertThat(conversations).contains(mediaPath);
        assertThat(new String(files.get("audit/events.json"), StandardCharsets.UTF_8))
                .contains("contact.exported");
        assertThat(everything).doesNotContain("kumquat", "Otto Other", "durian", "Erin Elsewhere");

        // another organisation's admin: 404, nothing streamed
        var foreign = export(contactId, other.token());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
    }

    @Test
    void erasureRemovesTheContactEverywhereAndKeepsACountOnlyAuditRecord() throws Exception {
        Org org = org("GDPR Erase");
        Org other = org("GDPR Erase Other");
        JsonNode fiona = say(org, "+14155550411", "Fiona Forget", "Please forget my zucchini allergy");
        String contactId = fiona.get("contactId").asString();
        String conversationId = fiona.get("id").asString();
        var upload = api.upload(
                "/api/v1/conversations/" + conversationId + "/attachments",
                "file",
                "allergy.pdf",
                "application/pdf",
                "%PDF-1.4 zucchini".getBytes(StandardCharsets.UTF_8),
                org.token());
        assertThat(upload.status()).as(upload.raw()).isEqualTo(201);
        String fileKey = upload.json().get("content").get("fileKey").asString();
        api.post(
                "/api/v1/conversations/" + conversationId + "/notes",
                Map.of("text", "Fiona's zucchini note"),
                org.token());
        say(org, "+14155550412", "Gina Keep", "My zucchini soup was great");
        await().atMost(Duration.ofSeconds(60)).until(() -> search(org, "zucchini"), s -> s.size() == 3);

        // another organisation cannot erase (or even see) the contact
        var foreign = api.delete("/api/v1/contacts/" + contactId + "?erase=true", other.token());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/contacts/" + contactId, org.token()).status())
                .isEqualTo(200);

        // a conversation under legal hold blocks the erasure
        api.put("/api/v1/conversations/" + conversationId + "/legal-hold", Map.of(), org.token());
        var blocked = api.delete("/api/v1/contacts/" + contactId + "?erase=true", org.token());
        assertThat(blocked.status()).as(blocked.raw()).isEqualTo(409);
        assertThat(blocked.json().get("type").asString()).endsWith("/erasure-blocked");
        api.delete("/api/v1/conversations/" + conversationId + "/legal-hold", org.token());

        var erased = api.delete("/api/v1/contacts/" + contactId + "?erase=true", org.token());

        assertThat(erased.status()).as(erased.raw()).isEqualTo(200);
        JsonNode counts = erased.json().get("erased");
        assertThat(counts.get("conversations.messages").asLong()).isEqualTo(3); // message, file, note
        assertThat(counts.get("conversations.files").asLong()).isEqualTo(1);
        assertThat(counts.get("conversations.conversations").asLong()).isEqualTo(1);
        assertThat(counts.get("search.entries").asLong()).isEqualTo(2); // message and note; the file has no text
        assertThat(counts.get("contact.records").asLong()).isEqualTo(1);
        // gone everywhere: the contact, the messages, the file, the search entries
        assertThat(api.get("/api/v1/contacts/" + contactId, org.token()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + conversationId, org.token())
                        .status())
                .isEqualTo(404);
        assertThat(count("select count(*) from messages where body_text like '%Please forget%'"))
                .isZero();
        assertThat(count("select count(*) from knowledge_messages where contact_id = ?::uuid", contactId))
                .isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("select count(*) from files where key = ?", fileKey) == 0);
        assertThat(search(org, "zucchini")).containsExactly("My zucchini soup was great");
        // the audit record says what went, not who it was
        var audit = api.get("/api/v1/audit-events?action=contact.erased", org.token());
        assertThat(audit.json().get("items")).hasSize(1);
        assertThat(audit.json().get("items").get(0).get("targetId").asString()).isEqualTo(contactId);
        assertThat(audit.json()
                        .get("items")
                        .get(0)
                        .get("details")
                        .get("conversations.messages")
                        .asLong())
                .isEqualTo(3);
        assertThat(audit.raw()).doesNotContain("Fiona", "+14155550411", "zucchini");
        // without erase=true, DELETE keeps its old meaning
        String gina = conversationOf(org, "Gina Keep").get("contactId").asString();
        assertThat(api.delete("/api/v1/contacts/" + gina, org.token()).status()).isEqualTo(204);
    }
}
