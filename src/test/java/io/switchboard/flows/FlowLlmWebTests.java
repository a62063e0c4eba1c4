package io.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.llm.LlmFakes;
import io.switchboard.support.ProviderFakesTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Flows with an LLM configured: generation against the schema (repaired, validated) and the llm step. */
class FlowLlmWebTests extends ProviderFakesTest {

    private String provider(String token, String prefix, String key) {
        var created = api.post(
                "/api/v1/llm/providers",
                Map.of(
                        "type", "openai",
                        "name", "Fake OpenAI",
                        "baseUrl", PROVIDERS.baseUrl() + prefix + "/v1",
                        "apiKey", key,
                        "model", "gpt-4o-mini"),
                token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void generationUsesTheModelAndRepairsItsAnswerBeforeValidating() {
        String token = token(signup("Flow LLM Gen Org"));
        String prefix = "/flowgen-" + UUID.randomUUID();
        String key = "sk-flow-" + UUID.randomUUID();
        // a typical model answer: prose around the JSON, an edge without handle, one to a node that does not exist
        String answer = """
                Here is your flow:
                {"nodes":[{"id":"start","type":"start","data":{"triggers":[{"type":"keyword","keywords":["viewing"]}]}},
                 {"id":"ask_name","type":"question","data":{"prompt":"Your name?","kind":"text","variable":"name"}},
                 {"id":"ask_date","type":"Question","data":{"prompt":"Which date?","kind":"date","variable":"date"}},
                 {"id":"done","type":"end","data":{"message":"See you on {{date}}, {{name}}!"}}],
                 "edges":[{"source":"start","target":"ask_name"},{"source":"ask_name","sourceHandle":"next","target":"ask_date"},
                  {"source":"ask_date","sourceHandle":"next","target":"done"},{"source":"done","target":"ghost"}]}
                Enjoy!""";
        LlmFakes.openAi(PROVIDERS, prefix, key, LlmFakes.openAiAnswer(answer, 900, 200));
        String providerId = provider(token, prefix, key);

        var generated = api.post(
                "/api/v1/flows/generate",
                Map.of("description", "Book a viewing: ask name and date", "providerIds", List.of(providerId)),
                token);
        assertThat(generated.status()).as(generated.raw()).isEqualTo(200);
        assertThat(generated.json().get("mode").asString()).as(generated.raw()).isEqualTo("llm");
        var check = api.post(
                "/api/v1/flows/validate", Map.of("document", generated.json().get("document")), token);
        assertThat(check.json().get("valid").asBoolean()).as(check.raw()).isTrue();
        assertThat(generated.json().get("notes").toString()).contains("dropped an edge");

        // the system prompt carried the schema: the model was asked for a document of our shape
        assertThat(PROVIDERS
                        .findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(
                                        prefix + "/v1/chat/completions")))
                        .get(0)
                        .getBodyAsString())
                .contains("flow-document.json", "knowledge_answer");
    }

    @Test
    void withoutProvidersGenerationIsRuleBasedAndTheLlmStepTakesItsErrorOutput() {
        String token = token(signup("Flow LLM Offline Org"));
        var generated =
                api.post("/api/v1/flows/generate", Map.of("description", "1. ask name 2. ask email 3. confirm"), token);
        assertThat(generated.json().get("mode").asString()).isEqualTo("rules");
        assertThat(generated.json().get("notes").get(0).asString()).contains("offline");

        String prefix = "/flowstep-" + UUID.randomUUID();
        String key = "sk-step-" + UUID.randomUUID();
        LlmFakes.openAi(PROVIDERS, prefix, key, LlmFakes.openAiAnswer("A short summary.", 50, 5));
        String providerId = provider(token, prefix, key);
        for (var c : List.of(List.of(), List.of(providerId))) {
            var doc = Map.of(
                    "nodes",
                    List.of(
                            Map.of(
                                    "id",
                                    "s",
                                    "type",
                                    "start",
                                    "data",
                                    Map.of("triggers", List.of(Map.of("type", "api")))),
                            Map.of(
                                    "id",
                                    "l",
                                    "type",
                                    "llm",
                                    "data",
                                    Map.of(
                                            "prompt",
                                            "Summarise {{last_message}}",
                                            "variable",
                                            "summary",
                                            "providerIds",
                                            c)),
                            Map.of("id", "ok", "type", "end", "data", Map.of("message", "Summary: {{summary}}")),
                            Map.of("id", "err", "type", "end", "data", Map.of("message", "no llm"))),
                    "edges",
                    List.of(
                            Map.of("source", "s", "sourceHandle", "next", "target", "l"),
                            Map.of("source", "l", "sourceHandle", "next", "target", "ok"),
                            Map.of("source", "l", "sourceHandle", "error", "target", "err")));
            String id = api.post("/api/v1/flows", Map.of("name", "LLM step", "document", doc), token)
                    .json()
                    .get("id")
                    .asString();
            var sim = api.post("/api/v1/flows/" + id + "/simulate", Map.of("message", "a long text"), token)
                    .json();
            if (c.isEmpty()) {
                assertThat(sim.get("replies").get(0).get("text").asString()).isEqualTo("no llm");
                assertThat(sim.get("steps").toString()).contains("offline");
            } else {
                assertThat(sim.get("replies").get(0).get("text").asString()).isEqualTo("Summary: A short summary.");
            }
        }
    }
}
