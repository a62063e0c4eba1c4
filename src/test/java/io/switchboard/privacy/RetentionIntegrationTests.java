package io.switchboard.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The retention purge against real PostgreSQL: history older than the plan's window goes (messages,
 * their stored files, their search entries, conversations left empty), newer history and conversations
 * under legal hold stay, Enterprise keeps everything, counts reach the audit log, a second run finds
 * nothing, and two purges at once split the work without losing or double-counting a row.
 */
class RetentionIntegrationTests extends IntegrationTest {

    private record Org(UUID id, String token, String channelId) {}

    private Org org(String name, String planId) {
        var session = signup(name);
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        String admin = token(loginBootstrapOwner());
        var assigned = api.put("/api/v1/admin/organizations/" + orgId + "/plan", Map.of("planId", planId), admin);
        assertThat(assigned.status()).as(assigned.raw()).isEqualTo(200);
        String token = token(session);
        var channel = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Retention sandbox"), token);
        assertThat(channel.status()).as(channel.raw()).isEqualTo(201);
        return new Org(orgId, token, channel.json().get("id").asString());
    }

    private String say(Org org, String from, String name, String text) {
        var accepted = api.post(
                "/api/v1/channels/" + org.channelId() + "/sandbox/messages",
                Map.of("from", from, "name", name, "text", text),
                org.token());
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> conversationOf(org, name),
                        c -> c != null && messageTexts(org, c).contains(text));
    }

    private String conversationOf(Org org, String contactName) {
        var items =
                api.get("/api/v1/conversations?size=100", org.token()).json().get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(c -> contactName.equals(c.get("contactName").asString(null)))
                .map(c -> c.get("id").asString())
                .findFirst()
                .orElse(null);
    }

    private List<String> messageTexts(Org org, String conversationId) {
        var page = api.get("/api/v1/conversations/" + conversationId + "/messages?size=100", org.token());
        if (page.status() != 200) return List.of();
        var texts = new ArrayList<String>();
        for (JsonNode m : page.json().get("items")) {
            JsonNode content = m.get("content");
            texts.add(
                    content.has("body")
                            ? content.get("body").asString()
                            : content.get("type").asString());
        }
        return texts;
    }

    /** Moves a conversation and all its messages {@code days} into the past (as the owner: no RLS). */
    private void age(String conversationId, int days) {
        var owner = ownerDb();
        owner.execute(
                "update messages set created_at = created_at - make_interval(days => ?) where conversation_id = ?::uuid",
                days,
                conversationId);
        owner.execute(
                "update conversations set last_message_at = last_message_at - make_interval(days => ?),"
                        + " created_at = created_at - make_interval(days => ?) where id = ?::uuid",
                days,
                days,
                conversationId);
    }

    private List<String> searchSnippets(Org org, String query) {
        var response = api.get(
                "/api/v1/conversations/search?mode=bm25&k=50&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                org.token());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("hits").spliterator(), false)
                .map(h -> h.get("snippet").asString())
                .toList();
    }

    private long count(String sql, Object... binds) {
        return ownerDb().resultQuery(sql, binds).fetchSingle(0, Long.class);
    }

    @Test
    void purgeDeletesExactlyTheOldHistoryWithItsFilesAndSearchEntriesButNotHeldConversations() {
        Org org = org("Retention Basic", "basic"); // 30 days of history

        // Olga: an old question and an old file, then a new message in the same conversation
        String olga = say(org, "+14155550301", "Olga", "Where is my ancient pelican statue");
        var upload = api.upload(
                "/api/v1/conversations/" + olga + "/attachments",
                "file",
                "pelican.png",
                "image/png",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3},
                org.token());
        assertThat(upload.status()).as(upload.raw()).isEqualTo(201);
        String fileKey = upload.json().get("content").get("fileKey").asString();
        String fileMessage = upload.json().get("id").asString();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> count(
                                "select count(*) from outbound_messages where message_id = ?::uuid and status = 'sent'",
                                fileMessage)
                        == 1);
        // Walt: an old conversation under legal hold; Dora: an old conversation with nothing newer
        String walt = say(org, "+14155550302", "Walt", "The ancient walrus invoice is disputed");
        String dora = say(org, "+14155550303", "Dora", "My ancient dodo order from last year");
        await().atMost(Duration.ofSeconds(60)).until(() -> searchSnippets(org, "ancient"), s -> s.size() == 3);
        age(olga, 40);
        age(walt, 40);
        age(dora, 40);
        say(org, "+14155550301", "Olga", "Any news about my pelican today");
        var hold = api.put("/api/v1/conversations/" + walt + "/legal-hold", Map.of(), org.token());
        assertThat(hold.status()).as(hold.raw()).isEqualTo(200);
        assertThat(hold.json().get("legalHoldAt").isNull()).isFalse();
        assertThat(count("select count(*) from files where key = ?", fileKey)).isOne();

        var run = api.post("/api/v1/privacy/retention/run", Map.of(), org.token());

        assertThat(run.status()).as(run.raw()).isEqualTo(200);
        assertThat(run.json().get("messagesDeleted").asLong()).isEqualTo(3); // Olga's question + file, Dora's
        assertThat(run.json().get("filesDeleted").asLong()).isEqualTo(1);
        assertThat(run.json().get("conversationsDeleted").asLong()).isEqualTo(1); // Dora's, now empty
        assertThat(run.json().get("historyDays").asInt()).isEqualTo(30);
        assertThat(messageTexts(org, olga)).containsExactly("Any news about my pelican today");
        assertThat(messageTexts(org, walt)).containsExactly("The ancient walrus invoice is disputed");
        assertThat(api.get("/api/v1/conversations/" + dora, org.token()).status())
                .isEqualTo(404);
        // the stored file is gone (row and bytes), and so are the search entries of purged messages
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("select count(*) from files where key = ?", fileKey) == 0);
        assertThat(count(
                        "select count(*) from knowledge_messages where org_id = ?::uuid and text like '%ancient%'",
                        org.id().toString()))
                .isOne(); // Walt's (held)
        assertThat(searchSnippets(org, "ancient")).containsExactly("The ancient walrus invoice is disputed");
        // the channel's delivery row (the recipient's address) went with the message
        assertThat(count("select count(*) from outbound_messages where message_id = ?::uuid", fileMessage))
                .isZero();
        // the audit log has the counts, no content
        var audit = api.get("/api/v1/audit-events?action=retention.purged", org.token());
        assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
        JsonNode details = audit.json().get("items").get(0).get("details");
        assertThat(details.get("messages").asLong()).isEqualTo(3);
        assertThat(details.get("files").asLong()).isEqualTo(1);
        assertThat(details.get("conversations").asLong()).isEqualTo(1);
        assertThat(details.get("window").asString()).isEqualTo("plan:basic");
        assertThat(audit.raw()).doesNotContain("pelican", "dodo", "Olga");

        // idempotent: nothing left to purge
        var again = api.post("/api/v1/privacy/retention/run", Map.of(), org.token());
        assertThat(again.json().get("messagesDeleted").asLong()).isZero();
        assertThat(messageTexts(org, walt)).hasSize(1);

        // the status page: window, holds, runs
        var status = api.get("/api/v1/privacy/retention", org.token());
        assertThat(status.status()).as(status.raw()).isEqualTo(200);
        assertThat(status.json().get("historyDays").asInt()).isEqualTo(30);
        assertThat(status.json().get("source").asString()).isEqualTo("plan:basic");
        assertThat(status.json().get("legalHolds").asLong()).isOne();
        assertThat(status.json().get("lastRun").get("id").asString())
                .isEqualTo(again.json().get("id").asString());
        assertThat(status.json().get("recentRuns")).hasSize(2);

        // the hold cleared, the next run takes Walt's old conversation as well
        assertThat(api.delete("/api/v1/conversations/" + walt + "/legal-hold", org.token())
                        .json()
                        .get("legalHoldAt")
                        .isNull())
                .isTrue();
        var afterHold = api.post("/api/v1/privacy/retention/run", Map.of(), org.token());
        assertThat(afterHold.json().get("messagesDeleted").asLong()).isEqualTo(1);
        assertThat(afterHold.json().get("conversationsDeleted").asLong()).isEqualTo(1);
    }

    @Test
    void enterpriseKeepsHistoryForever() {
        Org org = org("Retention Enterprise", "enterprise");
        String old = say(org, "+14155550311", "Ernie", "A message from long ago");
        age(old, 4000);

        var run = api.post("/api/v1/privacy/retention/run", Map.of(), org.token());

        assertThat(run.status()).as(run.raw()).isEqualTo(200);
        assertThat(run.json().get("messagesDeleted").asLong()).isZero();
        assertThat(run.json().get("historyDays").isNull()).isTrue();
        assertThat(messageTexts(org, old)).containsExactly("A message from long ago");
        var status = api.get("/api/v1/privacy/retention", org.token()).json();
        assertThat(status.get("historyDays").isNull()).isTrue();
        assertThat(status.get("cutoff").isNull()).isTrue();
        assertThat(status.get("source").asString()).isEqualTo("plan:enterprise");
    }

    @Test
    void twoPurgesAtOnceDeleteEveryOldMessageOnceInBatches() throws Exception {
        Org org = org("Retention Concurrent", "basic");
        String conversation = say(org, "+14155550321", "Cora", "The first of many old messages");
        // 1,299 more old messages in the same conversation: three batches of 500 between two purges
        ownerDb().execute("""
                        insert into messages (id, org_id, conversation_id, channel_id, direction, sender_type, kind,
                                              content, body_text, delivery_state, created_at)
                        select gen_random_uuid(), m.org_id, m.conversation_id, m.channel_id, 'inbound', 'contact', 'text',
                               jsonb_build_object('type', 'text', 'body', 'old message ' || g), 'old message ' || g,
                               'received', now() - interval '60 days' - make_interval(secs => g)
                        from messages m, generate_series(1, 1299) g
                        where m.conversation_id = ?::uuid""", conversation);
        age(conversation, 60);
        String recent = "A message from this week";
        say(org, "+14155550321", "Cora", recent);
        String admin = org.token();

        Callable<JsonNode> purge = () -> new io.switchboard.support.ApiClient(port)
                .post("/api/v1/privacy/retention/run", Map.of(), admin)
                .json();
        List<JsonNode> runs;
        try (var pool = Executors.newFixedThreadPool(2)) {
            runs = pool.invokeAll(List.of(purge, purge)).stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    })
                    .toList();
        }
        long deleted =
                runs.stream().mapToLong(r -> r.get("messagesDeleted").asLong()).sum();
        // a node that found the organisation busy left it to the other: run once more to finish
        deleted += api.post("/api/v1/privacy/retention/run", Map.of(), admin)
                .json()
                .get("messagesDeleted")
                .asLong();

        assertThat(deleted).isEqualTo(1300);
        assertThat(messageTexts(org, conversation)).containsExactly(recent);
    }
}
