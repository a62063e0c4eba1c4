package io.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The flows API: drafts, validation with JSON pointers, publish/versions/rollback, import/export, simulator. */
class FlowsWebTests extends IntegrationTest {

    private static Map<String, Object> node(String id, String type, Map<String, Object> data) {
        return Map.of("id", id, "type", type, "position", Map.of("x", 0, "y", 0), "data", data);
    }

    private static Map<String, Object> edge(String source, String handle, String target) {
        return Map.of("id", source + "-" + target, "source", source, "sourceHandle", handle, "target", target);
    }

    static Map<String, Object> askNameFlow() {
        return Map.of(
                "nodes",
                List.of(
                        node(
                                "s",
                                "start",
                                Map.of("triggers", List.of(Map.of("type", "keyword", "keywords", List.of("hi"))))),
                        node("q", "question", Map.of("prompt", "Your name?", "kind", "text", "variable", "name")),
                        node("m", "message", Map.of("text", "Hello {{name}}!")),
                        node("e", "end", Map.of())),
                "edges",
                List.of(edge("s", "next", "q"), edge("q", "next", "m"), edge("m", "next", "e")));
    }

    @Test
    void draftIsSavedWhenInvalidAndPublishAnswers422WithPointers() {
        String token = token(signup("Flows Draft Org"));
        var created = api.post("/api/v1/flows", Map.of("name", "Greeter"), token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("errors")).isEmpty();

        // a question without its variable and an edge to nowhere: saved, errors answered
        var bad = Map.of(
                "nodes",
                List.of(
                        node(
                                "s",
                                "start",
                                Map.of("triggers", List.of(Map.of("type", "keyword", "keywords", List.of("hi"))))),
                        node("q", "question", Map.of("prompt", "Your name?", "kind", "text"))),
                "edges",
                List.of(edge("s", "next", "q"), edge("q", "next", "ghost")));
        var saved = api.patch("/api/v1/flows/" + id, Map.of("draft", bad), token);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        List<String> pointers = StreamSupport.stream(saved.json().get("errors").spliterator(), false)
                .map(e -> e.get("pointer").asString())
                .toList();
        assertThat(pointers).contains("/nodes/1/data/variable", "/edges/1/target");

        var publish = api.post("/api/v1/flows/" + id + "/publish", Map.of(), token);
        assertThat(publish.status()).isEqualTo(422);
        assertThat(publish.contentType()).startsWith("application/problem+json");
        assertThat(publish.json().get("errors").get(0).get("pointer").asString())
                .isNotBlank();
    }

    @Test
    void cyclesWithoutAWaitAndBadExpressionsAreRejectedOnImport() {
        String token = token(signup("Flows Import Org"));
        var cyclic = Map.of(
                "nodes",
                List.of(
                        node("s", "start", Map.of("triggers", List.of(Map.of("type", "api")))),
                        node("a", "set_variable", Map.of("variable", "n", "value", "n + 1")),
                        node(
                                "c",
                                "condition",
                                Map.of("rules", List.of(Map.of("id", "again", "expression", "n < (3"))))),
                "edges",
                List.of(edge("s", "next", "a"), edge("a", "next", "c"), edge("c", "again", "a")));
        var imported = api.post("/api/v1/flows/import", Map.of("name", "Loop", "document", cyclic), token);
        assertThat(imported.status()).as(imported.raw()).isEqualTo(422);
        String errors = imported.json().get("errors").toString();
        assertThat(errors).contains("cycle without a wait or question node");
        assertThat(errors).contains("/nodes/2/data/rules/0/expression");

        var notJson = api.raw("POST", "/api/v1/flows/import", "application/json", "{nodes:".getBytes(), token);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");
    }

    @Test
    void publishVersionsRollbackExportAndImport() {
        String token = token(signup("Flows Versions Org"));
        String id = api.post("/api/v1/flows", Map.of("name", "Greeter", "document", askNameFlow()), token)
                .json()
                .get("id")
                .asString();
        var v1 = api.post("/api/v1/flows/" + id + "/publish", Map.of(), token);
        assertThat(v1.status()).as(v1.raw()).isEqualTo(200);
        assertThat(v1.json().get("version").asInt()).isEqualTo(1);

        var changed = askNameFlow();
        @SuppressWarnings("unchecked")
        var nodes = new java.util.ArrayList<>((List<Object>) changed.get("nodes"));
        nodes.set(2, node("m", "message", Map.of("text", "Welcome, {{name}}.")));
        api.patch("/api/v1/flows/" + id, Map.of("draft", Map.of("nodes", nodes, "edges", changed.get("edges"))), token);
        assertThat(api.post("/api/v1/flows/" + id + "/publish", Map.of(), token)
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(2);

        var rollback = api.post("/api/v1/flows/" + id + "/versions/1/rollback", Map.of(), token);
        assertThat(rollback.status()).as(rollback.raw()).isEqualTo(200);
        assertThat(rollback.json().get("version").asInt()).isEqualTo(3);
        var versions = api.get("/api/v1/flows/" + id + "/versions", token).json();
        assertThat(versions).hasSize(3);
        assertThat(versions.get(0).get("active").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/flows/" + id + "/versions/3", token)
                        .json()
                        .get("document")
                        .toString())
                .contains("Hello {{name}}!");
        assertThat(api.get("/api/v1/flows/" + id + "/versions/9", token).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/flows/" + id, token).json().get("draft").toString())
                .contains("Hello {{name}}!");

        var export = api.get("/api/v1/flows/" + id + "/export", token).json();
        assertThat(export.get("schemaVersion").asInt()).isEqualTo(1);
        var copy = api.post("/api/v1/flows/import", Map.of("name", "Copy", "document", export.get("document")), token);
        assertThat(copy.status()).as(copy.raw()).isEqualTo(201);

        var list = api.get("/api/v1/flows?q=Greet", token).json();
        assertThat(list.get("totalItems").asInt()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("status").asString()).isEqualTo("published");
        assertThat(api.delete("/api/v1/flows/" + id, token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/flows/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void schemaTemplatesGeneratorAndSimulator() {
        String token = token(signup("Flows Sim Org"));
        var schema = api.get("/api/v1/flows/schema", token).json();
        assertThat(schema.get("$schema").asString()).contains("2020-12");

        JsonNode templates = api.get("/api/v1/flows/templates", token).json();
        assertThat(templates).hasSize(2);
        for (JsonNode t : templates) {
            var check = api.post("/api/v1/flows/validate", Map.of("document", t.get("document")), token)
                    .json();
            assertThat(check.get("valid").asBoolean())
                    .as(t.get("key") + ": " + check)
                    .isTrue();
        }
        JsonNode lead = templates.get(1);
        String id = api.post("/api/v1/flows", Map.of("name", "Leads", "document", lead.get("document")), token)
                .json()
                .get("id")
                .asString();
        var sim = api.post("/api/v1/flows/" + id + "/simulate", Map.of("message", "pricing"), token);
        assertThat(sim.status()).as(sim.raw()).isEqualTo(200);
        String session = sim.json().get("sessionId").asString();
        assertThat(sim.json().get("activeNodeId").asString()).isEqualTo("name");
        assertThat(sim.json().get("waitingFor").asString()).isEqualTo("question");
        sim = api.post("/api/v1/flows/" + id + "/simulate", Map.of("sessionId", session, "message", "Ana"), token);
        sim = api.post(
                "/api/v1/flows/" + id + "/simulate", Map.of("sessionId", session, "message", "not-an-email"), token);
        assertThat(sim.json().get("replies").get(0).get("text").asString()).contains("doesn't look like an email");
        sim = api.post(
                "/api/v1/flows/" + id + "/simulate", Map.of("sessionId", session, "message", "ana@example.com"), token);
        sim = api.post("/api/v1/flows/" + id + "/simulate", Map.of("sessionId", session, "message", "2000"), token);
        assertThat(sim.json().get("replies").get(0).get("buttons")).hasSize(3);
        sim = api.post(
                "/api/v1/flows/" + id + "/simulate", Map.of("sessionId", session, "message", "Right away"), token);
        assertThat(sim.json().get("ended").asBoolean()).as(sim.raw()).isTrue();
        assertThat(sim.json().get("status").asString()).isEqualTo("handoff");
        assertThat(sim.json().get("variables").get("budget").asInt()).isEqualTo(2000);
        assertThat(sim.json().get("notes").toString()).contains("lead-hot");

        var generated = api.post(
                "/api/v1/flows/generate",
                Map.of(
                        "description",
                        "Book a viewing for an apartment: 1. ask name 2. ask date 3. ask budget 4. confirm"),
                token);
        assertThat(generated.status()).as(generated.raw()).isEqualTo(200);
        assertThat(generated.json().get("mode").asString()).isEqualTo("rules");
        var valid = api.post(
                "/api/v1/flows/validate", Map.of("document", generated.json().get("document")), token);
        assertThat(valid.json().get("valid").asBoolean()).as(valid.raw()).isTrue();
        assertThat(generated.json().get("document").toString()).contains("\"kind\":\"date\"", "\"kind\":\"number\"");
    }
}
