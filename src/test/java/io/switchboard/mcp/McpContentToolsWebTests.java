package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Knowledge search, sales scripts and the WhatsApp 24-hour rule through the SDK client. */
class McpContentToolsWebTests extends McpTestSupport {

    @Test
    void knowledgeSearchFindsPassagesOfTheOrganisationOnly() {
        String owner = organisation("Knowledge Org");
        String kb = api.post("/api/v1/knowledge-bases", Map.of("name", "Hotel guide"), owner)
                .json()
                .get("id")
                .asString();
        var uploaded = api.upload(
                "/api/v1/knowledge-bases/" + kb + "/documents",
                "file",
                "guide.md",
                "text/markdown",
                "# Hotel Nova\n\n## Parking\n\nParking in the underground garage costs 20 euros per night.\n\n## Breakfast\n\nBreakfast is served from 7 to 10 in the winter garden.\n"
                        .getBytes(StandardCharsets.UTF_8),
                owner);
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(202);
        String documentId = uploaded.json().get("id").asString();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> api.get("/api/v1/knowledge-bases/" + kb + "/documents/" + documentId, owner)
                                .json()
                                .get("status")
                                .asString(),
                        "ready"::equals);
        try (var client = client(apiKey(owner, List.of("read"), null))) {
            var found = structured(call(client, "search_knowledge", Map.of("query", "how much is parking", "k", 2)));
            @SuppressWarnings("unchecked")
            var hits = (List<Map<String, Object>>) found.get("hits");
            assertThat(hits).isNotEmpty();
            assertThat((String) hits.get(0).get("text")).contains("20 euros");
            assertThat(hits.get(0).get("knowledge_base_id")).isEqualTo(kb);

            var unknown = call(
                    client,
                    "search_knowledge",
                    Map.of(
                            "query",
                            "parking",
                            "knowledge_base_ids",
                            List.of(UUID.randomUUID().toString())));
            assertThat(errorCode(unknown)).isEqualTo("not-found");
        }
        String stranger = organisation("Stranger Org");
        try (var client = client(apiKey(stranger, List.of("read"), null))) {
            var none = structured(call(client, "search_knowledge", Map.of("query", "parking")));
            assertThat((List<?>) none.get("hits")).isEmpty();
            var foreign =
                    call(client, "search_knowledge", Map.of("query", "parking", "knowledge_base_ids", List.of(kb)));
            assertThat(errorCode(foreign)).isEqualTo("not-found");
        }
    }

    @Test
    void aSalesScriptIsWrittenForAContactAndUsableAsACallsTask() {
        String owner = organisation("Sales Org");
        grantCredits(owner, 500);
        try (var client = client(apiKey(owner, List.of("write"), null))) {
            String contact = (String)
                    structured(call(client, "create_contact", Map.of("name", "Priya Shah", "phone", "+14155550133")))
                            .get("id");
            var script = structured(call(
                    client,
                    "generate_sales_script",
                    Map.of(
                            "contact_id",
                            contact,
                            "product",
                            "Solar panels",
                            "goal",
                            "book a site survey",
                            "tone",
                            "friendly")));
            assertThat((String) script.get("text")).isNotBlank();
            assertThat(script.get("contact_id")).isEqualTo(contact);
            assertThat(script.get("source")).isIn("llm", "template");

            var placed = structured(call(
                    client,
                    "place_call",
                    Map.of(
                            "confirm",
                            true,
                            "contact_id",
                            contact,
                            "sales_script_id",
                            script.get("id"),
                            "max_duration_minutes",
                            1)));
            var view = structured(call(client, "get_call", Map.of("call_id", placed.get("call_id"))));
            assertThat(view.get("contact_id")).isEqualTo(contact);
            assertThat(view.get("phone_number")).isEqualTo("+14155550133");

            var missing = call(
                    client,
                    "generate_sales_script",
                    Map.of("contact_id", UUID.randomUUID().toString(), "product", "x", "goal", "y"));
            assertThat(errorCode(missing)).isEqualTo("not-found");
        }
    }

    @Test
    void whatsAppFreeTextOutsideThe24HourWindowIsRefusedButATemplateGoesOut() {
        String owner = organisation("WhatsApp Org");
        var whatsapp = api.post(
                "/api/v1/channels",
                Map.of(
                        "type", "whatsapp_cloud",
                        "name", "WhatsApp line",
                        "config",
                                Map.of(
                                        "phoneNumberId", "1" + (System.nanoTime() % 100_000_000_000L),
                                        "accessToken", "EAAG" + UUID.randomUUID(),
                                        "appSecret", "secret-" + UUID.randomUUID(),
                                        "verifyToken", "verify-" + UUID.randomUUID())),
                owner);
        assertThat(whatsapp.status()).as(whatsapp.raw()).isEqualTo(201);
        String sandbox = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Sandbox"), owner)
                .json()
                .get("id")
                .asString();
        try (var client = client(apiKey(owner, List.of("write"), null))) {
            String contact = (String)
                    structured(call(client, "create_contact", Map.of("name", "Never Wrote", "phone", "+14155550144")))
                            .get("id");
            var refused = call(
                    client,
                    "send_message",
                    Map.of(
                            "contact_id",
                            contact,
                            "channel_id",
                            whatsapp.json().get("id").asString(),
                            "text",
                            "Hello!"));
            assertThat(errorCode(refused)).isEqualTo("outside-customer-service-window");
            assertThat(text(refused)).contains("24 hours").contains("template");

            var template = structured(call(
                    client,
                    "send_message",
                    Map.of(
                            "contact_id", contact,
                            "channel_id", sandbox,
                            "template",
                                    Map.of(
                                            "name",
                                            "order_update",
                                            "language",
                                            "en_US",
                                            "parameters",
                                            List.of("A-1001")))));
            assertThat(template.get("status")).isEqualTo("queued");
        }
    }
}
