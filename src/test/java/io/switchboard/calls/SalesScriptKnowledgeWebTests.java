package io.switchboard.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The offline (no LLM) sales script cites facts from the organisation's knowledge base with their source. */
class SalesScriptKnowledgeWebTests extends IntegrationTest {

    @Test
    void theOfflineScriptIncludesRelevantKnowledgeWithItsSource() {
        JsonNode session = signup("Script Knowledge");
        String token = token(session);
        var kb = api.post("/api/v1/knowledge-bases", Map.of("name", "Product facts", "description", "CRM"), token);
        assertThat(kb.status()).as(kb.raw()).isEqualTo(201);
        String kbId = kb.json().get("id").asString();
        String doc = """
                Acme CRM pricing

                Acme CRM costs 29 dollars per seat per month and includes the WhatsApp integration at no extra charge.

                Office hours

                Our support office in Pune is open Monday to Friday from nine to six.
                """;
        var uploaded = api.upload(
                "/api/v1/knowledge-bases/" + kbId + "/documents",
                "file",
                "acme-pricing.txt",
                "text/plain",
                doc.getBytes(StandardCharsets.UTF_8),
                token);
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(202);
        String documentId = uploaded.json().get("id").asString();
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(
                        () -> api.get("/api/v1/knowledge-bases/" + kbId + "/documents/" + documentId, token)
                                .json(),
                        d -> d.get("status").asString().equals("ready"));

        var contact = api.post("/api/v1/contacts", Map.of("name", "Meera Iyer", "phone", "+919812345675"), token);
        assertThat(contact.status()).as(contact.raw()).isEqualTo(201);
        var created = api.post(
                "/api/v1/sales-scripts",
                Map.of(
                        "contactId",
                        contact.json().get("id").asString(),
                        "product",
                        "Acme CRM",
                        "goal",
                        "book a demo",
                        "topics",
                        List.of("WhatsApp integration pricing")),
                token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("source").asString()).isEqualTo("template");
        String text = created.json().get("text").asString();
        assertThat(text)
                .contains("Facts from our knowledge base")
                .contains("29 dollars per seat")
                .contains("[source: acme-pricing");

        // an organisation without a knowledge base gets the plain template, and never another org's facts
        JsonNode otherSession = signup("Script Knowledge Other");
        String other = token(otherSession);
        var otherContact = api.post("/api/v1/contacts", Map.of("name", "Ravi", "phone", "+919812345676"), other);
        var plain = api.post(
                "/api/v1/sales-scripts",
                Map.of(
                        "contactId",
                        otherContact.json().get("id").asString(),
                        "product",
                        "Acme CRM",
                        "goal",
                        "book a demo",
                        "topics",
                        List.of("WhatsApp integration pricing")),
                other);
        assertThat(plain.status()).as(plain.raw()).isEqualTo(201);
        assertThat(plain.json().get("text").asString())
                .doesNotContain("Facts from our knowledge base")
                .doesNotContain("29 dollars");
    }
}
