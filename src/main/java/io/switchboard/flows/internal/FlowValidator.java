package io.switchboard.flows.internal;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks a flow document: the published JSON Schema first (networknt), then the graph (one start,
 * ids, edges, unreachable nodes, unconnected outputs, cycles a contact could never leave, bad
 * expressions and placeholders). Every problem names a JSON pointer into the document.
 */
@Component
class FlowValidator {

    @io.swagger.v3.oas.annotations.media.Schema(name = "FlowValidationError")
    record ValidationError(
            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "JSON pointer into the document",
                    example = "/nodes/2/data/variable",
                    requiredMode = RequiredMode.REQUIRED)
            String pointer,

            @Nullable String nodeId,
            String message) {}

    private final String schemaText;
    private final Schema schema;

    FlowValidator() {
        try (InputStream in = FlowValidator.class.getResourceAsStream("/flows/flow-document.schema.json")) {
            if (in == null) throw new IllegalStateException("flow schema missing from the class path");
            this.schemaText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaText, InputFormat.JSON);
    }

    String schemaText() {
        return schemaText;
    }

    List<ValidationError> validate(JsonNode document) {
        List<ValidationError> errors = new ArrayList<>();
        if (!document.isObject()) {
            errors.add(new ValidationError("", null, "the document must be a JSON object with nodes and edges"));
            return errors;
        }
        Set<String> seen = new HashSet<>();
        for (Error e : schema.validate(document)) {
            String pointer = pointer(e);
            if ("allOf".equals(e.getKeyword()) || "if".equals(e.getKeyword())) continue;
            String message = e.getMessage();
            // networknt prefixes messages with the instance location: keep only what is wrong
            int colon = message.indexOf(": ");
            if (colon > 0 && message.startsWith("/") || message.startsWith("$")) {
                message = message.substring(colon + 2);
            }
            if (seen.add(pointer + "|" + message))
                errors.add(new ValidationError(pointer, nodeIdAt(document, pointer), message));
        }
        errors.addAll(graph(document));
        return errors;
    }

    private static String pointer(Error e) {
        var path = e.getInstanceLocation();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/')
                    .append(String.valueOf(path.getElement(i))
                            .replace("~", "~0")
                            .replace("/", "~1"));
        }
        if ("required".equals(e.getKeyword()) && e.getProperty() != null)
            sb.append('/').append(e.getProperty());
        return sb.toString();
    }

    private static @Nullable String nodeIdAt(JsonNode document, String pointer) {
        if (!pointer.startsWith("/nodes/")) return null;
        String[] parts = pointer.split("/");
        if (parts.length < 3) return null;
        try {
            JsonNode id =
                    document.path("nodes").path(Integer.parseInt(parts[2])).path("id");
            return id.isString() ? id.asString() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private List<ValidationError> graph(JsonNode document) {
        List<ValidationError> errors = new ArrayList<>();
        FlowDocument doc = FlowDocument.parse(document);
        Map<String, Integer> index = new HashMap<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < doc.nodes().size(); i++) {
            FlowNode n = doc.nodes().get(i);
            if (n.id().isEmpty()) continue;
            if (index.putIfAbsent(n.id(), i) != null) {
                errors.add(new ValidationError("/nodes/" + i + "/id", n.id(), "duplicate node id " + n.id()));
            }
            if (n instanceof FlowNode.Start) starts.add(i);
        }
        if (starts.isEmpty()) errors.add(new ValidationError("/nodes", null, "the flow needs exactly one start node"));
        for (int k = 1; k < starts.size(); k++) {
            int i = starts.get(k);
            errors.add(new ValidationError(
                    "/nodes/" + i + "/type", doc.nodes().get(i).id(), "only one start node is allowed"));
        }
        Map<String, List<String>> successors = new HashMap<>();
        Set<String> usedOutputs = new HashSet<>();
        for (int i = 0; i < doc.edges().size(); i++) {
            var e = doc.edges().get(i);
            FlowNode source = doc.byId().get(e.source());
            boolean ok = true;
            if (source == null) {
                errors.add(
                        new ValidationError("/edges/" + i + "/source", null, "edge leaves unknown node " + e.source()));
                ok = false;
            } else if (!source.outputs().contains(e.sourceHandle())) {
                errors.add(new ValidationError(
                        "/edges/" + i + "/sourceHandle",
                        source.id(),
                        source.type() + " node " + source.id() + " has no output " + e.sourceHandle()
                                + (source.outputs().isEmpty()
                                        ? ""
                                        : " (outputs: " + String.join(", ", source.outputs()) + ")")));
                ok = false;
            }
            if (!index.containsKey(e.target())) {
                errors.add(new ValidationError(
                        "/edges/" + i + "/target", null, "edge leads to unknown node " + e.target()));
                ok = false;
            } else if (doc.byId().get(e.target()) instanceof FlowNode.Start) {
                errors.add(new ValidationError(
                        "/edges/" + i + "/target", e.target(), "no edge may lead into the start node"));
            }
            if (ok) {
                if (!usedOutputs.add(e.source() + "\u0000" + e.sourceHandle())) {
                    errors.add(new ValidationError(
                            "/edges/" + i + "/sourceHandle",
                            e.source(),
                            "output " + e.sourceHandle() + " of " + e.source() + " is connected twice"));
                }
                successors.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
            }
        }
        // reachability from the start
        Set<String> reachable = new HashSet<>();
        if (starts.size() == 1) {
            ArrayDeque<String> todo =
                    new ArrayDeque<>(List.of(doc.nodes().get(starts.get(0)).id()));
            while (!todo.isEmpty()) {
                String id = todo.pop();
                if (reachable.add(id)) todo.addAll(successors.getOrDefault(id, List.of()));
            }
        }
        for (int i = 0; i < doc.nodes().size(); i++) {
            FlowNode n = doc.nodes().get(i);
            String at = "/nodes/" + i;
            if (starts.size() == 1 && !reachable.contains(n.id()) && !(n instanceof FlowNode.Start)) {
                errors.add(new ValidationError(at, n.id(), "node " + n.id() + " is unreachable from the start"));
            }
            String primary = primaryOutput(n);
            if (primary != null
                    && !usedOutputs.contains(n.id() + "\u0000" + primary)
                    && !(n instanceof FlowNode.Question q
                            && q.kind().equals("choice")
                            && anyChoiceConnected(q, usedOutputs))) {
                errors.add(new ValidationError(
                        at, n.id(), n.type() + " node " + n.id() + ": output " + primary + " is not connected"));
            }
            errors.addAll(expressions(n, at));
        }
        errors.addAll(cycles(doc, successors));
        return errors;
    }

    private static boolean anyChoiceConnected(FlowNode.Question q, Set<String> used) {
        for (var c : q.choices()) if (used.contains(q.id() + "\u0000" + c.id())) return true;
        return false;
    }

    /** The output a node must have connected; optional ones (invalid, error, timeout, else) may end the flow. */
    private static @Nullable String primaryOutput(FlowNode n) {
        return switch (n) {
            case FlowNode.Start s -> "next";
            case FlowNode.Message m -> "next";
            case FlowNode.Question q -> "next";
            case FlowNode.SetVariable s -> "next";
            case FlowNode.UpdateContact u -> "next";
            case FlowNode.Wait w -> "next";
            case FlowNode.Subflow s -> "next";
            case FlowNode.Http h -> "next";
            case FlowNode.Llm l -> "next";
            case FlowNode.KnowledgeAnswer k -> null;
            case FlowNode.Condition c ->
                c.rules().isEmpty() ? null : c.rules().get(0).id();
            case FlowNode.IntentRouter r ->
                r.routes().isEmpty() ? null : r.routes().get(0).id();
            case FlowNode.Handoff h -> null;
            case FlowNode.End e -> null;
            case FlowNode.Unknown u -> null;
        };
    }

    private static List<ValidationError> expressions(FlowNode n, String at) {
        List<ValidationError> errors = new ArrayList<>();
        switch (n) {
            case FlowNode.Condition c -> {
                for (int r = 0; r < c.rules().size(); r++) {
                    String problem = expressionProblem(c.rules().get(r).expression());
                    if (problem != null) {
                        errors.add(new ValidationError(at + "/data/rules/" + r + "/expression", n.id(), problem));
                    }
                }
            }
            case FlowNode.SetVariable s -> {
                if (Templates.isTemplate(s.value())) {
                    template(errors, at + "/data/value", n.id(), s.value());
                } else if (!s.value().isEmpty()) {
                    String problem = expressionProblem(s.value());
                    if (problem != null) errors.add(new ValidationError(at + "/data/value", n.id(), problem));
                }
            }
            case FlowNode.Message m -> template(errors, at + "/data/text", n.id(), m.text());
            case FlowNode.Question q -> template(errors, at + "/data/prompt", n.id(), q.prompt());
            case FlowNode.Llm l -> template(errors, at + "/data/prompt", n.id(), l.prompt());
            case FlowNode.Http h -> template(errors, at + "/data/url", n.id(), h.url());
            default -> {}
        }
        return errors;
    }

    private static void template(List<ValidationError> errors, String pointer, String nodeId, String text) {
        String problem = Templates.problem(text);
        if (problem != null) errors.add(new ValidationError(pointer, nodeId, problem));
    }

    static @Nullable String expressionProblem(String expression) {
        try {
            Expr.parse(expression);
            return null;
        } catch (Expr.ParseException e) {
            return "bad expression: " + e.getMessage();
        }
    }

    /** Strongly connected components (Tarjan): a loop must contain a node that waits for the contact or a timer. */
    private static List<ValidationError> cycles(FlowDocument doc, Map<String, List<String>> successors) {
        List<ValidationError> errors = new ArrayList<>();
        var byId = doc.byId();
        Map<String, Integer> idx = new HashMap<>(), low = new HashMap<>();
        ArrayDeque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        int[] counter = {0};
        List<Set<String>> components = new ArrayList<>();
        for (String v : byId.keySet()) {
            if (!idx.containsKey(v)) strongConnect(v, successors, idx, low, stack, onStack, counter, components);
        }
        for (Set<String> c : components) {
            boolean loop = c.size() > 1
                    || successors
                            .getOrDefault(c.iterator().next(), List.of())
                            .contains(c.iterator().next());
            if (!loop) continue;
            boolean waits = c.stream()
                    .map(byId::get)
                    .anyMatch(n -> n instanceof FlowNode.Question || n instanceof FlowNode.Wait);
            if (!waits) {
                String first = c.iterator().next();
                int i = doc.nodes().indexOf(byId.get(first));
                errors.add(new ValidationError(
                        "/nodes/" + i, first, "cycle without a wait or question node: " + String.join(" -> ", c)));
            }
        }
        return errors;
    }

    private static void strongConnect(
            String v,
            Map<String, List<String>> succ,
            Map<String, Integer> idx,
            Map<String, Integer> low,
            ArrayDeque<String> stack,
            Set<String> onStack,
            int[] counter,
            List<Set<String>> out) {
        // iterative to keep deep graphs off the call stack
        record Frame(String node, java.util.Iterator<String> next) {}
        ArrayDeque<Frame> frames = new ArrayDeque<>();
        idx.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        frames.push(new Frame(v, succ.getOrDefault(v, List.of()).iterator()));
        while (!frames.isEmpty()) {
            Frame f = frames.peek();
            if (f.next().hasNext()) {
                String w = f.next().next();
                if (!idx.containsKey(w)) {
                    idx.put(w, counter[0]);
                    low.put(w, counter[0]++);
                    stack.push(w);
                    onStack.add(w);
                    frames.push(new Frame(w, succ.getOrDefault(w, List.of()).iterator()));
                } else if (onStack.contains(w)) {
                    low.put(f.node(), Math.min(low.get(f.node()), idx.get(w)));
                }
            } else {
                frames.pop();
                if (!frames.isEmpty()) {
                    String parent = frames.peek().node();
                    low.put(parent, Math.min(low.get(parent), low.get(f.node())));
                }
                if (low.get(f.node()).equals(idx.get(f.node()))) {
                    Set<String> component = new LinkedHashSet<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(f.node()));
                    out.add(component);
                }
            }
        }
    }
}
