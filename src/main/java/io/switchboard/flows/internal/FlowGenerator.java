package io.switchboard.flows.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a flow from a description. Offline (the only mode until an LLM chain is configured for
 * flows): a rule-based generator reads a numbered list of steps ("1. ask name 2. ask date 3. confirm")
 * or a comma list after a colon ("... : ask name, date, budget, confirm") and maps each step to a node.
 * The result is always validated before it is answered.
 */
@Component
class FlowGenerator {

    private static final Pattern NUMBERED = Pattern.compile("(?:^|\\s)(\\d{1,2})[.)]\\s+");

    @Schema(name = "FlowGenerated")
    record Generated(
            JsonNode document,
            @Schema(allowableValues = {"llm", "rules"}) String mode,
            List<String> notes) {}

    private final JsonMapper json;
    private final FlowValidator validator;

    FlowGenerator(JsonMapper json, FlowValidator validator) {
        this.json = json;
        this.validator = validator;
    }

    Generated generate(String description) {
        List<String> notes = new ArrayList<>();
        notes.add("offline mode: built by rules from the steps in the description (no LLM is configured for flows)");
        List<String> steps = steps(description);
        if (steps.isEmpty()) {
            notes.add("no numbered or comma-separated steps found: made a single message from the description");
            steps = List.of("say " + description.trim());
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        nodes.add(node(
                "start",
                "start",
                Map.of("triggers", List.of(Map.of("type", "keyword", "keywords", List.of(keyword(description)))))));
        String previous = "start";
        int i = 0;
        Map<String, Integer> usedVars = new LinkedHashMap<>();
        for (String raw : steps) {
            i++;
            String step = raw.trim().replaceAll("[.;]+$", "");
            String lower = step.toLowerCase(Locale.ROOT);
            String id = "n" + i;
            Map<String, Object> n;
            if (lower.matches("^(hand ?off|transfer|human|agent|talk to).*") || lower.contains("handoff")) {
                n = node(id, "handoff", Map.of("message", "Connecting you with a person now."));
                nodes.add(n);
                edges.add(edge(previous, "next", id));
                previous = null;
                notes.add("step " + i + " \"" + step + "\" -> handoff");
                break;
            } else if (lower.startsWith("confirm") || lower.startsWith("summar")) {
                List<String> parts = new ArrayList<>();
                for (String v : usedVars.keySet()) parts.add(v.replace('_', ' ') + ": {{" + v + "}}");
                String t = parts.isEmpty() ? "Is everything correct" : "Please confirm: " + String.join(", ", parts);
                n = node(
                        id,
                        "question",
                        Map.of(
                                "prompt",
                                t.endsWith(".") ? t : t + ".",
                                "kind",
                                "choice",
                                "choices",
                                List.of(Map.of("id", "yes", "title", "Yes"), Map.of("id", "no", "title", "No")),
                                "variable",
                                "confirmed",
                                "retries",
                                2));
                notes.add("step " + i + " \"" + step + "\" -> yes/no question");
            } else if (lower.startsWith("say")
                    || lower.startsWith("tell")
                    || lower.startsWith("send")
                    || lower.startsWith("thank")) {
                String text = step.replaceFirst("(?i)^(say|tell|send)\\s*", "");
                n = node(id, "message", Map.of("text", text.isBlank() ? step : capitalise(text)));
                notes.add("step " + i + " \"" + step + "\" -> message");
            } else {
                String subject = lower.replaceFirst(
                                "^(ask( for| about)?( the| their| his| her)?|get|collect|request)\\s+", "")
                        .trim();
                if (subject.isEmpty()) subject = "answer";
                String kind = kind(subject);
                String variable = variable(subject, usedVars);
                n = node(
                        id,
                        "question",
                        Map.of("prompt", prompt(subject, kind), "kind", kind, "variable", variable, "retries", 2));
                notes.add("step " + i + " \"" + step + "\" -> " + kind + " question into {{" + variable + "}}");
            }
            nodes.add(n);
            edges.add(edge(previous, "next", id));
            previous = id;
        }
        if (previous != null) {
            nodes.add(node("end", "end", Map.of("message", "Thank you!")));
            edges.add(edge(previous, "next", "end"));
        }
        for (int k = 0; k < nodes.size(); k++) {
            nodes.get(k).put("position", Map.of("x", 0, "y", k * 140));
        }
        for (int k = 0; k < edges.size(); k++) edges.get(k).put("id", "e" + (k + 1));
        JsonNode document = json.valueToTree(Map.of("nodes", nodes, "edges", edges));
        var errors = validator.validate(document);
        if (!errors.isEmpty())
            notes.add("the generated flow has " + errors.size() + " problem(s); fix them before publishing");
        return new Generated(document, "rules", notes);
    }

    static List<String> steps(String description) {
        List<String> out = new ArrayList<>();
        Matcher m = NUMBERED.matcher(description);
        List<int[]> marks = new ArrayList<>();
        while (m.find()) marks.add(new int[] {m.start(1), m.end()});
        if (marks.size() >= 2) {
            for (int k = 0; k < marks.size(); k++) {
                int end = k + 1 < marks.size() ? marks.get(k + 1)[0] : description.length();
                String s = description.substring(marks.get(k)[1], end).trim();
                if (!s.isEmpty()) out.add(s);
            }
            return out;
        }
        int colon = description.indexOf(':');
        String list = colon >= 0 ? description.substring(colon + 1) : description;
        if (list.contains(",")) {
            String verb = "";
            for (String part : list.split(",|\\band\\b")) {
                String s = part.trim();
                if (s.isEmpty()) continue;
                // "ask name, date, budget": the verb carries over to the bare nouns
                if (s.toLowerCase(Locale.ROOT).startsWith("ask")) verb = "ask ";
                else if (!verb.isEmpty()
                        && !s.contains(" ")
                        && !s.toLowerCase(Locale.ROOT).startsWith("confirm")) s = verb + s;
                out.add(s);
            }
        }
        return out;
    }

    private static String kind(String subject) {
        if (subject.contains("email") || subject.contains("e-mail")) return "email";
        if (subject.contains("phone") || subject.contains("mobile") || subject.contains("number to call"))
            return "phone";
        if (subject.contains("date") || subject.contains("day") || subject.contains("when")) return "date";
        if (subject.contains("budget")
                || subject.contains("amount")
                || subject.contains("how many")
                || subject.contains("age")
                || subject.contains("price")
                || subject.contains("count")
                || subject.contains("number")) return "number";
        return "text";
    }

    private static String variable(String subject, Map<String, Integer> used) {
        String base =
                subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) base = "answer";
        if (base.length() > 40) base = base.substring(0, 40).replaceAll("_+$", "");
        int n = used.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "_" + n;
    }

    private static String prompt(String subject, String kind) {
        return switch (kind) {
            case "email" -> "What is your email address?";
            case "phone" -> "What is your phone number?";
            case "date" -> "Which date works for you (" + subject + ")? e.g. 2026-12-24, today, tomorrow";
            case "number" -> "What is your " + subject + "? Please answer with a number.";
            default -> "What is your " + subject + "?";
        };
    }

    private static String keyword(String description) {
        for (String w : description.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (w.length() >= 4
                    && !List.of("book", "with", "from", "that", "this", "your", "their", "then", "steps")
                            .contains(w)) {
                return w;
            }
        }
        return "start";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Map<String, Object> node(String id, String type, Map<String, Object> data) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("type", type);
        n.put("data", data);
        return n;
    }

    private static Map<String, Object> edge(String source, String handle, String target) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("source", source);
        e.put("sourceHandle", handle);
        e.put("target", target);
        return e;
    }
}
