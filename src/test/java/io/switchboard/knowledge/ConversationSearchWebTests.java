package io.switchboard.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.support.IntegrationTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Search over conversation history: messages injected through the sandbox channel (and replies and
 * notes) become searchable by meaning, other organisations never see them, erasure removes them, a
 * lost index is rebuilt from PostgreSQL, and bad parameters get Problem Details.
 */
class ConversationSearchWebTests extends IntegrationTest {

    @Autowired
    private ConversationIndex conversationIndex;

    @Autowired
    private ScopedTransactions tx;

    @Autowired
    private SwitchboardProperties properties;

    private String createSandbox(String token, String name) {
        var created = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", name), token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private void inject(String token, String channelId, String from, String name, String text) {
        var accepted = api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", from, "name", name, "text", text),
                token);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
    }

    private JsonNode search(String token, String query, String extra) {
        var response = api.get(
                "/api/v1/conversations/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + extra, token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    /** Waits until the query finds a message with this text (indexing runs in the background). */
    private JsonNode awaitHit(String token, String query, String extra, String expectedSnippet) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> search(token, query, extra), r -> snippets(r).contains(expectedSnippet));
    }

    private static List<String> snippets(JsonNode response) {
        return StreamSupport.stream(response.get("hits").spliterator(), false)
                .map(h -> h.get("snippet").asString())
                .toList();
    }

    private JsonNode conversationOf(String token, String contactName) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> StreamSupport.stream(
                                        api.get("/api/v1/conversations?size=50", token)
                                                .json()
                                                .get("items")
                                                .spliterator(),
                                        false)
                                .filter(c ->
                                        contactName.equals(c.get("contactName").asString()))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void messagesBecomeSearchableByMeaningAndStayInTheirOrganisation() {
        var session = signup("Search Org");
        String token = token(session);
        String channelId = createSandbox(token, "Shop sandbox");
        inject(token, channelId, "+14155550101", "Ada", "I want my payment back, the blender arrived broken");
        inject(token, channelId, "+14155550102", "Bob", "Do you sell vegan pizza on Sundays?");
        inject(token, channelId, "+14155550103", "Cy", "What time does the pool open tomorrow?");

        // dense: no shared word with the message, found by meaning alone
        var dense = awaitHit(
                token, "refund my money", "&mode=dense&k=3", "I want my payment back, the blender arrived broken");
        var top = dense.get("hits").get(0);
        assertThat(top.get("snippet").asString()).isEqualTo("I want my payment back, the blender arrived broken");
        assertThat(top.get("contactName").asString()).isEqualTo("Ada");
        assertThat(top.get("channelId").asString()).isEqualTo(channelId);
        assertThat(top.get("channelName").asString()).isEqualTo("Shop sandbox");
        assertThat(top.get("channelType").asString()).isEqualTo("sandbox");
        assertThat(top.get("direction").asString()).isEqualTo("inbound");
        assertThat(top.get("vectorRank").asInt()).isEqualTo(1);
        assertThat(top.get("lexicalRank").isNull()).isTrue();
        assertThat(top.get("createdAt").asString()).isNotBlank();
        assertThat(dense.get("mode").asString()).isEqualTo("dense");
        JsonNode ada = conversationOf(token, "Ada");
        assertThat(top.get("conversationId").asString()).isEqualTo(ada.get("id").asString());

        var hybrid = search(token, "refund my money", "&mode=hybrid&k=3");
        assertThat(hybrid.get("hits").get(0).get("contactName").asString()).isEqualTo("Ada");
        assertThat(hybrid.get("mode").asString()).isEqualTo("hybrid");

        var bm25 = awaitHit(token, "vegan pizza", "&mode=bm25", "Do you sell vegan pizza on Sundays?");
        assertThat(bm25.get("hits").get(0).get("contactName").asString()).isEqualTo("Bob");
        assertThat(bm25.get("hits").get(0).get("lexicalRank").asInt()).isEqualTo(1);
        assertThat(snippets(bm25)).doesNotContain("What time does the pool open tomorrow?");

        // replies (outbound) are indexed too
        String adaConversation = ada.get("id").asString();
        var reply = api.post(
                "/api/v1/conversations/" + adaConversation + "/messages",
                Map.of("text", "Sorry about that! A courier collects the blender on Monday."),
                token);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        var outbound = awaitHit(
                token, "courier pickup", "&k=3", "Sorry about that! A courier collects the blender on Monday.");
        assertThat(outbound.get("hits").get(0).get("direction").asString()).isEqualTo("outbound");
        assertThat(outbound.get("hits").get(0).get("messageId").asString())
                .isEqualTo(reply.json().get("id").asString());

        // filters run inside the search
        String bobContact = conversationOf(token, "Bob").get("contactId").asString();
        assertThat(snippets(search(token, "pizza", "&contactId=" + bobContact)))
                .containsExactly("Do you sell vegan pizza on Sundays?");
        assertThat(search(token, "pizza", "&contactId=" + UUID.randomUUID()).get("hits"))
                .isEmpty();
        assertThat(search(token, "pizza", "&channelId=" + UUID.randomUUID()).get("hits"))
                .isEmpty();
        assertThat(search(token, "pizza", "&to=2000-01-01T00:00:00Z").get("hits"))
                .isEmpty();
        assertThat(snippets(search(token, "pizza", "&from=2000-01-01T00:00:00Z")))
                .contains("Do you sell vegan pizza on Sundays?");

        // another organisation with its own messages never sees these
        var other = signup("Other Search Org");
        String otherToken = token(other);
        String otherChannel = createSandbox(otherToken, "Other sandbox");
        inject(otherToken, otherChannel, "+14155550199", "Dee", "Please give me my payment back");
        var otherHits = awaitHit(otherToken, "refund my money", "&k=50", "Please give me my payment back");
        assertThat(otherHits.get("hits")).hasSize(1);
        assertThat(otherHits.toString()).doesNotContain("blender").doesNotContain(adaConversation);
        assertThat(search(otherToken, "vegan pizza", "&mode=bm25").get("hits")).isEmpty();
        assertThat(search(otherToken, "pizza", "&channelId=" + channelId).get("hits"))
                .isEmpty();
        assertThat(snippets(search(token, "payment back", "&k=50"))).doesNotContain("Please give me my payment back");
    }

    @Test
    void notesAreForMembersOnly() {
        var session = signup("Notes Org");
        String token = token(session);
        String channelId = createSandbox(token, "Notes sandbox");
        inject(token, channelId, "+14155550111", "Eve", "Hello, my order is late");
        String conversationId = conversationOf(token, "Eve").get("id").asString();
        var note = api.post(
                "/api/v1/conversations/" + conversationId + "/notes",
                Map.of("text", "Eve is a VIP customer: offer free express shipping"),
                token);
        assertThat(note.status()).as(note.raw()).isEqualTo(201);

        var found = awaitHit(token, "VIP customer", "", "Eve is a VIP customer: offer free express shipping");
        assertThat(found.get("notesIncluded").asBoolean()).isTrue();
        assertThat(found.get("hits").get(0).get("direction").asString()).isEqualTo("internal");
        assertThat(snippets(search(token, "VIP customer", "&notes=false")))
                .doesNotContain("Eve is a VIP customer: offer free express shipping");

        String key = api.post("/api/v1/api-keys", Map.of("name", "CRM", "scopes", List.of("read")), token)
                .json()
                .get("key")
                .asString();
        var byKey = search(key, "VIP customer", "&notes=true");
        assertThat(byKey.get("notesIncluded").asBoolean()).isFalse();
        assertThat(snippets(byKey)).doesNotContain("Eve is a VIP customer: offer free express shipping");
    }

    @Test
    void forgottenMessagesLeaveTheIndexAndALostIndexIsRebuilt() throws IOException {
        var session = signup("Erase Org");
        String token = token(session);
        UUID orgId = UUID.fromString(session.get("organization").get("id").asString());
        String channelId = createSandbox(token, "Erase sandbox");
        inject(token, channelId, "+14155550121", "Fay", "My parcel never arrived at the depot");
        inject(token, channelId, "+14155550122", "Gus", "The parcel box was crushed");
        awaitHit(token, "parcel", "&mode=bm25", "My parcel never arrived at the depot");
        awaitHit(token, "parcel", "&mode=bm25", "The parcel box was crushed");

        // the index directory vanishes: the next search notices, the messages are queued again and
        // re-added from their stored vectors
        Path indexDir = properties.dataDir().resolve("index").resolve(orgId.toString());
        try (Stream<Path> files = Files.walk(indexDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        awaitHit(token, "parcel", "&mode=bm25", "The parcel box was crushed");
        awaitHit(token, "parcel", "&mode=bm25", "My parcel never arrived at the depot");

        // erasure of a contact (what the GDPR erase will call)
        UUID fay = UUID.fromString(conversationOf(token, "Fay").get("contactId").asString());
        tx.inOrg(orgId, () -> {
            conversationIndex.forgetContact(orgId, fay);
            return null;
        });
        assertThat(snippets(search(token, "parcel", "&mode=bm25"))).containsExactly("The parcel box was crushed");
        assertThat(snippets(search(token, "parcel never arrived", "&mode=dense")))
                .doesNotContain("My parcel never arrived at the depot");

        String gusConversation = conversationOf(token, "Gus").get("id").asString();
        tx.inOrg(orgId, () -> {
            conversationIndex.forgetConversation(orgId, UUID.fromString(gusConversation));
            return null;
        });
        assertThat(search(token, "parcel", "&mode=bm25").get("hits")).isEmpty();
        Long rows = ownerDb()
                .resultQuery("select count(*) from knowledge_messages where org_id = ?::uuid", orgId.toString())
                .fetchSingle(0, Long.class);
        assertThat(rows).isZero();
    }

    @Test
    void badParametersAreProblemDetailsAndTheSearchPathIsNotAConversationId() {
        String token = token(signup("Bad Params Org"));
        Map<String, String> cases = Map.of(
                "", "q",
                "?q=%20", "q",
                "?q=x&k=0", "k",
                "?q=x&k=51", "k",
                "?q=x&k=many", "k",
                "?q=x&mode=fuzzy", "mode",
                "?q=x&channelId=not-a-uuid", "channelId",
                "?q=x&from=yesterday", "from",
                "?q=x&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to");
        cases.forEach((query, field) -> {
            var response = api.get("/api/v1/conversations/search" + query, token);
            assertThat(response.status()).as(query + ": " + response.raw()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .as(query)
                    .isEqualTo(field);
        });
        assertThat(api.get("/api/v1/conversations/search?q=x", null).status()).isEqualTo(401);
        // the conversations module's routes are untouched
        assertThat(api.get("/api/v1/conversations/" + UUID.randomUUID(), token).status())
                .isEqualTo(404);
        var empty = search(token, "anything at all", "");
        assertThat(empty.get("hits")).isEmpty();
        assertThat(empty.get("mode").asString()).isEqualTo("hybrid");
    }
}
