package io.switchboard.flows.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Random valid flows (valid by construction and confirmed by the validator) driven by random inputs:
 * the engine never fails, every run ends within the step budget, and the state stays consistent.
 */
class FlowEnginePropertyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FlowValidator VALIDATOR = new FlowValidator();
    private static final List<String> TYPES = List.of(
            "message",
            "set_variable",
            "condition",
            "question",
            "wait",
            "knowledge_answer",
            "llm",
            "http",
            "update_contact",
            "intent_router",
            "handoff",
            "end");
    private static final List<String> EXPRESSIONS = List.of(
            "n > 2",
            "n + 1 == 3 || !flag",
            "name contains \"a\"",
            "business_hours()",
            "len(name) >= 3 && n % 2 == 0",
            "missing.deep.path != null",
            "number(last_message) > 10");
    private static final List<String> INPUTS = List.of(
            "hi", "42", "ana@example.com", "tomorrow", "1", "2", "stop", "restart", "", "{{n}}", "x".repeat(300));

    static JsonNode randomFlow(Random rnd) {
        int size = 2 + rnd.nextInt(14);
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        nodes.add(node("n0", "start", Map.of("triggers", List.of(Map.of("type", "api")))));
        List<String> types = new ArrayList<>();
        types.add("start");
        for (int i = 1; i < size; i++) {
            String type = i == size - 1 ? "end" : TYPES.get(rnd.nextInt(TYPES.size()));
            if (i < size - 1 && (type.equals("handoff") || type.equals("end"))) type = "message";
            types.add(type);
            nodes.add(node("n" + i, type, data(type, rnd)));
        }
        for (int i = 0; i < size - 1; i++) {
            String type = types.get(i);
            var outputs = FlowNode.parse(JSON.valueToTree(nodes.get(i))).outputs();
            boolean waits = type.equals("question") || type.equals("wait");
            for (int o = 0; o < outputs.size(); o++) {
                String out = outputs.get(o);
                int target;
                if (o == 0) target = i + 1; // the first output chains forward: everything is reachable
                else if (rnd.nextInt(3) == 0) continue; // some optional outputs stay unconnected
                else if (waits && rnd.nextBoolean()) target = 1 + rnd.nextInt(size - 1); // loops only through waits
                else target = i + 1 + rnd.nextInt(size - 1 - i);
                edges.add(Map.of(
                        "id", "e" + edges.size(), "source", "n" + i, "sourceHandle", out, "target", "n" + target));
            }
        }
        return JSON.valueToTree(Map.of("nodes", nodes, "edges", edges));
    }

    private static Map<String, Object> node(String id, String type, Map<String, Object> data) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("type", type);
        n.put("data", data);
        return n;
    }

    private static Map<String, Object> data(String type, Random rnd) {
        return switch (type) {
            case "message" -> Map.of("text", "msg {{n}} {{name}}");
            case "set_variable" ->
                rnd.nextBoolean()
                        ? Map.of("variable", "n", "value", "n + 1")
                        : Map.of("variable", "name", "value", "{{last_message}}");
            case "condition" ->
                Map.of(
                        "rules",
                        List.of(
                                Map.of("id", "r1", "expression", EXPRESSIONS.get(rnd.nextInt(EXPRESSIONS.size()))),
                                Map.of("id", "r2", "expression", EXPRESSIONS.get(rnd.nextInt(EXPRESSIONS.size())))));
            case "question" -> {
                String kind = FlowNode.QUESTION_KINDS.get(rnd.nextInt(FlowNode.QUESTION_KINDS.size()));
                Map<String, Object> d = new LinkedHashMap<>(Map.of(
                        "prompt", "Q?", "kind", kind, "variable", "v" + rnd.nextInt(3), "retries", rnd.nextInt(3)));
                if (kind.equals("choice"))
                    d.put("choices", List.of(Map.of("id", "c1", "title", "One"), Map.of("id", "c2", "title", "Two")));
                yield d;
            }
            case "wait" ->
                rnd.nextBoolean()
                        ? Map.of("mode", "delay", "seconds", 5)
                        : Map.of("mode", "reply", "seconds", rnd.nextInt(2) * 10, "variable", "reply");
            case "knowledge_answer" -> Map.of();
            case "llm" -> Map.of("prompt", "p {{name}}", "variable", "out");
            case "http" ->
                Map.of("method", "GET", "url", "https://example.com/{{name}}", "mapping", Map.of("x", "/a/b"));
            case "update_contact" -> Map.of("addTags", List.of("t"));
            case "intent_router" -> Map.of("routes", List.of(Map.of("id", "r1", "intent", "booking")));
            case "handoff", "end" -> Map.of("message", "bye {{name}}");
            default -> Map.of();
        };
    }

    @Property(tries = 300)
    void randomValidFlowsNeverFailAndAlwaysStopWithinTheBudget(@ForAll long seed) {
        Random rnd = new Random(seed);
        JsonNode document = randomFlow(rnd);
        assertThat(VALIDATOR.validate(document)).as(document.toString()).isEmpty();
        FlowDocument doc = FlowDocument.parse(document);
        FakeWorld world = new FakeWorld();
        world.documents.put("f", doc);
        world.knowledge.put("42", "forty-two");
        if (rnd.nextBoolean()) world.http = new FlowEngine.HttpResult.Ok(200, JSON.readTree("{\"a\":{\"b\":1}}"), "");
        FlowState state = FlowState.start("f", 1, "n0");
        state.vars.put("n", rnd.nextInt(5));
        List<FlowEngine.Input> inputs = new ArrayList<>();
        inputs.add(new FlowEngine.Input.Begin());
        for (int i = 0; i < 15; i++) {
            inputs.add(
                    rnd.nextInt(4) == 0
                            ? new FlowEngine.Input.Timer(
                                    rnd.nextBoolean() ? "delay" : "timeout", state.waitSeq + rnd.nextInt(2))
                            : new FlowEngine.Input.Message(INPUTS.get(rnd.nextInt(INPUTS.size())), null));
        }
        for (FlowEngine.Input input : inputs) {
            if (input instanceof FlowEngine.Input.Timer t) input = new FlowEngine.Input.Timer(t.kind(), state.waitSeq);
            state = JSON.readValue(JSON.writeValueAsString(state), FlowState.class);
            var result = FlowEngine.run(world, state, input);
            assertThat(result.steps()).noneMatch(s -> s.type().equals("error"));
            assertThat(result.steps().size()).isLessThanOrEqualTo(FlowEngine.STEP_BUDGET * 2 + 2);
            assertThat(state.status).isIn("active", "completed", "handoff", "stopped");
            if (state.active()) {
                assertThat(state.waitingFor)
                        .as("an active session always waits for something")
                        .isNotNull();
                assertThat(doc.node(state.nodeId).isPresent()).isTrue();
            }
        }
    }
}
