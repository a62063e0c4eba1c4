package io.switchboard.flows.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The sealed set of node types a flow document may hold, parsed leniently from the stored JSON (a
 * draft may be invalid: missing fields become empty values and the validator names them).
 */
sealed interface FlowNode {

    String id();

    /** The type name used in the document. */
    String type();

    /** Output names an edge may leave from (sourceHandle). */
    List<String> outputs();

    record Trigger(
            String type, List<String> keywords, @Nullable String intent) {}

    record Choice(String id, String title) {}

    record Start(String id, List<Trigger> triggers) implements FlowNode {
        public String type() {
            return "start";
        }

        public List<String> outputs() {
            return List.of("next");
        }
    }

    record TemplateRef(String name, String language, List<String> params) {}

    record Message(
            String id,
            String text,
            @Nullable String mediaUrl,
            List<Choice> buttons,
            @Nullable TemplateRef template) implements FlowNode {
        public String type() {
            return "message";
        }

        public List<String> outputs() {
            return List.of("next");
        }
    }

    record Question(
            String id,
            String prompt,
            String kind,
            List<Choice> choices,
            String variable,
            int retries,
            @Nullable String retryPrompt)
            implements FlowNode {
        public String type() {
            return "question";
        }

        public List<String> outputs() {
            List<String> out = new ArrayList<>(List.of("next", "invalid"));
            if (kind.equals("choice")) choices.forEach(c -> out.add(c.id()));
            return out;
        }
    }

    record SetVariable(String id, String variable, String value) implements FlowNode {
        public String type() {
            return "set_variable";
        }

        public List<String> outputs() {
            return List.of("next");
        }
    }

    record Rule(String id, @Nullable String label, String expression) {}

    record Condition(String id, List<Rule> rules) implements FlowNode {
        public String type() {
            return "condition";
        }

        public List<String> outputs() {
            List<String> out = new ArrayList<>();
            rules.forEach(r -> out.add(r.id()));
            out.add("else");
            return out;
        }
    }

    record Route(String id, String intent) {}

    record IntentRouter(String id, List<Route> routes) implements FlowNode {
        public String type() {
            return "intent_router";
        }

        public List<String> outputs() {
            List<String> out = new ArrayList<>();
            routes.forEach(r -> out.add(r.id()));
            out.add("fallback");
            return out;
        }
    }

    record KnowledgeAnswer(String id, @Nullable String question, List<String> knowledgeBaseIds) implements FlowNode {
        public String type() {
            return "knowledge_answer";
        }

        public List<String> outputs() {
            return List.of("answered", "not_found");
        }
    }

    record Llm(String id, String prompt, @Nullable JsonNode outputSchema, String variable, List<String> providerIds)
            implements FlowNode {
        public String type() {
            return "llm";
        }

        public List<String> outputs() {
            return List.of("next", "error");
        }
    }

    record Http(
            String id,
            String method,
            String url,
            Map<String, String> headers,
            @Nullable String body,
            int timeoutMs,
            Map<String, String> mapping)
            implements FlowNode {
        public String type() {
            return "http";
        }

        public List<String> outputs() {
            return List.of("next", "error");
        }
    }

    record UpdateContact(String id, List<String> addTags, List<String> removeTags, Map<String, String> attributes)
            implements FlowNode {
        public String type() {
            return "update_contact";
        }

        public List<String> outputs() {
            return List.of("next");
        }
    }

    record Wait(
            String id, String mode, int seconds, @Nullable String variable) implements FlowNode {
        public String type() {
            return "wait";
        }

        public List<String> outputs() {
            return List.of("next", "timeout");
        }
    }

    record Subflow(String id, String flowId) implements FlowNode {
        public String type() {
            return "subflow";
        }

        public List<String> outputs() {
            return List.of("next");
        }
    }

    record Handoff(String id, @Nullable String message) implements FlowNode {
        public String type() {
            return "handoff";
        }

        public List<String> outputs() {
            return List.of();
        }
    }

    record End(String id, @Nullable String message) implements FlowNode {
        public String type() {
            return "end";
        }

        public List<String> outputs() {
            return List.of();
        }
    }

    /** A node whose type is not one of ours (the validator reports it; the engine never reaches it). */
    record Unknown(String id, String type) implements FlowNode {
        public List<String> outputs() {
            return List.of();
        }
    }

    List<String> TYPES = List.of(
            "start",
            "message",
            "question",
            "set_variable",
            "condition",
            "intent_router",
            "knowledge_answer",
            "llm",
            "http",
            "update_contact",
            "wait",
            "subflow",
            "handoff",
            "end");

    List<String> QUESTION_KINDS = List.of("text", "number", "email", "phone", "date", "choice");

    static FlowNode parse(JsonNode node) {
        String id = str(node, "id");
        String type = str(node, "type");
        JsonNode d = node.path("data");
        return switch (type) {
            case "start" -> {
                List<Trigger> triggers = new ArrayList<>();
                for (JsonNode t : d.path("triggers")) {
                    triggers.add(new Trigger(str(t, "type"), strings(t.path("keywords")), opt(t, "intent")));
                }
                yield new Start(id, triggers);
            }
            case "message" -> {
                JsonNode t = d.path("template");
                TemplateRef template = t.isObject()
                        ? new TemplateRef(str(t, "name"), str(t, "language"), strings(t.path("params")))
                        : null;
                yield new Message(id, str(d, "text"), opt(d, "mediaUrl"), choices(d.path("buttons")), template);
            }
            case "question" ->
                new Question(
                        id,
                        str(d, "prompt"),
                        d.path("kind").isString() ? d.path("kind").asString() : "text",
                        choices(d.path("choices")),
                        str(d, "variable"),
                        d.path("retries").isNumber() ? d.path("retries").asInt() : 2,
                        opt(d, "retryPrompt"));
            case "set_variable" -> new SetVariable(id, str(d, "variable"), scalar(d.path("value")));
            case "condition" -> {
                List<Rule> rules = new ArrayList<>();
                for (JsonNode r : d.path("rules"))
                    rules.add(new Rule(str(r, "id"), opt(r, "label"), str(r, "expression")));
                yield new Condition(id, rules);
            }
            case "intent_router" -> {
                List<Route> routes = new ArrayList<>();
                for (JsonNode r : d.path("routes")) routes.add(new Route(str(r, "id"), str(r, "intent")));
                yield new IntentRouter(id, routes);
            }
            case "knowledge_answer" -> new KnowledgeAnswer(id, opt(d, "question"), strings(d.path("knowledgeBaseIds")));
            case "llm" ->
                new Llm(
                        id,
                        str(d, "prompt"),
                        d.path("outputSchema").isObject() ? d.path("outputSchema") : null,
                        str(d, "variable"),
                        strings(d.path("providerIds")));
            case "http" ->
                new Http(
                        id,
                        d.path("method").isString() ? d.path("method").asString() : "GET",
                        str(d, "url"),
                        stringMap(d.path("headers")),
                        d.path("body").isMissingNode() || d.path("body").isNull() ? null : scalar(d.path("body")),
                        d.path("timeoutMs").isNumber() ? d.path("timeoutMs").asInt() : 5000,
                        stringMap(d.path("mapping")));
            case "update_contact" ->
                new UpdateContact(
                        id, strings(d.path("addTags")), strings(d.path("removeTags")), stringMap(d.path("attributes")));
            case "wait" ->
                new Wait(
                        id,
                        d.path("mode").isString() ? d.path("mode").asString() : "reply",
                        d.path("seconds").isNumber() ? d.path("seconds").asInt() : 0,
                        opt(d, "variable"));
            case "subflow" -> new Subflow(id, str(d, "flowId"));
            case "handoff" -> new Handoff(id, opt(d, "message"));
            case "end" -> new End(id, opt(d, "message"));
            default -> new Unknown(id, type);
        };
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isString() ? v.asString() : v.isNumber() || v.isBoolean() ? v.asString() : "";
    }

    private static @Nullable String opt(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isString() && !v.asString().isEmpty() ? v.asString() : null;
    }

    /** A value given as text, number or boolean; objects and arrays as their JSON. */
    private static String scalar(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) return "";
        if (v.isString()) return v.asString();
        if (v.isValueNode()) return v.asString();
        return v.toString();
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : arr) if (v.isString()) out.add(v.asString());
        return out;
    }

    private static List<Choice> choices(JsonNode arr) {
        List<Choice> out = new ArrayList<>();
        for (JsonNode c : arr) out.add(new Choice(str(c, "id"), str(c, "title")));
        return out;
    }

    private static Map<String, String> stringMap(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        if (obj.isObject()) {
            for (var e : obj.properties()) out.put(e.getKey(), scalar(e.getValue()));
        }
        return out;
    }
}
