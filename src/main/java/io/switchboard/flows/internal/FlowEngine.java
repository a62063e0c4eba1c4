package io.switchboard.flows.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The deterministic interpreter: given a session state and one input (a message, a timer, a
 * restart), it executes node by node until the flow waits, ends, hands off or runs out of its step
 * budget. Everything outside (knowledge, LLM, HTTP, contacts, timers) goes through {@link Effects},
 * so the same engine serves channels and the simulator. Never throws for a parsed document: a node
 * that cannot run takes its error output or ends the flow, and says why in the step log.
 */
final class FlowEngine {

    private static final Logger log = LoggerFactory.getLogger(FlowEngine.class);

    static final int STEP_BUDGET = 100;
    static final int MAX_CALL_DEPTH = 8;
    static final List<String> STOP_WORDS = List.of("stop", "cancel", "quit", "unsubscribe");
    static final List<String> RESTART_WORDS = List.of("restart", "start over", "menu");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()\\-.]{5,20}$");

    /** What the engine may ask of the world. Implementations must not throw. */
    interface Effects {
        /** A published (or, in the simulator, draft) document of a flow version. */
        Optional<FlowDocument> document(String flowId, int version);

        /** The version a new run of another flow starts on (sub-flows, intent switches). */
        Optional<Integer> activeVersion(String flowId);

        /** Another flow whose start trigger is this message's intent (intent switch), if any. */
        Optional<String> intentSwitch(String currentFlowId, String text);

        Optional<String> knowledge(String question, List<String> knowledgeBaseIds);

        Optional<String> classify(String text, List<String> intents);

        LlmResult llm(String prompt, @Nullable JsonNode outputSchema, List<String> providerIds);

        HttpResult http(String method, String url, Map<String, String> headers, @Nullable String body, int timeoutMs);

        void updateContact(List<String> addTags, List<String> removeTags, Map<String, String> attributes);

        void schedule(String kind, int seconds, int waitSeq);

        ZonedDateTime now();
    }

    sealed interface LlmResult {
        record Ok(String text) implements LlmResult {}

        record Failed(String note) implements LlmResult {}
    }

    sealed interface HttpResult {
        record Ok(int status, @Nullable JsonNode json, String body) implements HttpResult {}

        record Failed(String note) implements HttpResult {}
    }

    sealed interface Input {
        /** A new session: run from the start node. */
        record Begin() implements Input {}

        record Message(String text, @Nullable String replyId) implements Input {}

        record Timer(String kind, int waitSeq) implements Input {}

        /** Simulator: continue from this node. */
        record Jump(String nodeId) implements Input {}
    }

    record Reply(
            String text,
            List<FlowNode.Choice> buttons,
            @Nullable String mediaUrl,
            FlowNode.@Nullable TemplateRef template) {}

    record Step(
            String flowId,
            int version,
            String nodeId,
            String type,
            @Nullable String input,
            @Nullable String output,
            @Nullable Map<String, Object> variablesChanged,
            Instant at) {}

    record Result(
            List<Reply> replies,
            List<Step> steps,
            @Nullable String handoffReason,
            boolean budgetExceeded,
            boolean consumed) {}

    private static final String ENTERED = "\u0000entered";

    private final Effects fx;
    private final FlowState s;
    private final List<Reply> replies = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private @Nullable String handoff;
    private FlowDocument doc;

    private FlowEngine(Effects fx, FlowState s, FlowDocument doc) {
        this.fx = fx;
        this.s = s;
        this.doc = doc;
    }

    /** Runs one input through the session; {@code state} is updated in place. */
    static Result run(Effects fx, FlowState state, Input input) {
        FlowDocument doc = fx.document(state.flowId, state.version).orElse(null);
        if (doc == null) {
            state.status = "stopped";
            return new Result(List.of(), List.of(), null, false, false);
        }
        FlowEngine engine = new FlowEngine(fx, state, doc);
        try {
            return engine.execute(input);
        } catch (RuntimeException e) {
            // a bug must not kill the conversation: stop the session and let the agent answer
            log.error("Flow {} v{} failed at node {}", state.flowId, state.version, state.nodeId, e);
            state.status = "stopped";
            engine.step(state.nodeId == null ? "?" : state.nodeId, "error", null, "engine error: " + e, null);
            return new Result(engine.replies, engine.steps, null, false, true);
        }
    }

    private Result execute(Input input) {
        if (!s.active() && !(input instanceof Input.Jump)) return result(false, false);
        @Nullable String output = null;
        switch (input) {
            case Input.Begin b -> {}
            case Input.Jump j -> {
                s.status = "active";
                s.waitingFor = null;
                s.retries = 0;
                s.nodeId = j.nodeId();
            }
            case Input.Timer t -> {
                if (t.waitSeq() != s.waitSeq || s.waitingFor == null || s.waitingFor.equals("question")) {
                    return result(false, false); // overtaken by a reply: stale timer
                }
                boolean delay = s.waitingFor.equals("delay");
                if (delay != t.kind().equals("delay")) return result(false, false);
                output = delay ? "next" : "timeout";
                step(current(), "wait", t.kind(), output, null);
                s.waitingFor = null;
            }
            case Input.Message m -> {
                s.vars.put("last_message", m.text());
                String word = m.text().trim().toLowerCase(Locale.ROOT);
                if (STOP_WORDS.contains(word)) {
                    s.status = "stopped";
                    s.waitingFor = null;
                    step(current(), "stop", m.text(), "stopped by the contact", null);
                    replies.add(text("OK, I stopped. Send \"restart\" to begin again."));
                    return result(false, true);
                }
                if (RESTART_WORDS.contains(word)) {
                    restartFromTop(m.text());
                } else if (s.waitingFor != null) {
                    output = answer(m);
                    if (output == null) return result(false, true); // re-prompted, still waiting
                }
            }
        }
        if (output != null) {
            if (!advance(output)) return result(false, true);
        }
        return loop();
    }

    private void restartFromTop(String text) {
        while (!s.stack.isEmpty()) {
            var f = s.stack.removeLast();
            s.flowId = f.flowId();
            s.version = f.version();
        }
        doc = fx.document(s.flowId, s.version).orElse(doc);
        s.nodeId = doc.start().map(FlowNode::id).orElse(null);
        s.waitingFor = null;
        s.retries = 0;
        step(s.nodeId == null ? "?" : s.nodeId, "restart", text, "restarted by the contact", null);
    }

    /** Executes nodes until the flow waits or ends. */
    private Result loop() {
        int budget = STEP_BUDGET;
        while (s.active() && s.waitingFor == null && s.nodeId != null) {
            if (budget-- <= 0) {
                s.status = "stopped";
                log.warn("Flow {} v{} stopped after {} steps at node {}", s.flowId, s.version, STEP_BUDGET, s.nodeId);
                step(current(), "budget", null, "step budget of " + STEP_BUDGET + " exceeded: flow stopped", null);
                return result(true, true);
            }
            FlowNode node = doc.node(s.nodeId).orElse(null);
            if (node == null) {
                step(s.nodeId, "missing", null, "node not in the document: flow ended", null);
                finish("completed");
                break;
            }
            String out = exec(node);
            if (out == null) break; // waiting, or ended inside exec
            if (out.equals(ENTERED)) continue; // a sub-flow call or return already moved the cursor
            if (!advance(out)) break;
        }
        return result(false, true);
    }

    /** Follows an output; answers false when the flow ended (no edge and no caller to return to). */
    private boolean advance(String output) {
        String from = Objects.requireNonNull(s.nodeId);
        String target = doc.target(from, output);
        if (target != null) {
            s.nodeId = target;
            return true;
        }
        return returnFromSubflow();
    }

    private boolean returnFromSubflow() {
        if (s.stack.isEmpty()) {
            finish("completed");
            return false;
        }
        var frame = s.stack.removeLast();
        s.flowId = frame.flowId();
        s.version = frame.version();
        doc = fx.document(s.flowId, s.version).orElse(null);
        if (doc == null) {
            finish("stopped");
            return false;
        }
        s.nodeId = frame.nodeId();
        String target = doc.target(frame.nodeId(), "next");
        if (target == null) return returnFromSubflow();
        s.nodeId = target;
        return true;
    }

    private void finish(String status) {
        s.status = status;
        s.waitingFor = null;
    }

    /** Runs one node; answers the output to follow, or null when the flow now waits or ended. */
    private @Nullable String exec(FlowNode node) {
        Map<String, Object> before = new LinkedHashMap<>(s.vars);
        String out;
        String note = null;
        switch (node) {
            case FlowNode.Start st -> out = "next";
            case FlowNode.Message m -> {
                String text = render(m.text());
                replies.add(
                        new Reply(text, m.buttons(), m.mediaUrl() == null ? null : render(m.mediaUrl()), m.template()));
                note = text;
                out = "next";
            }
            case FlowNode.Question q -> {
                replies.add(prompt(q, q.prompt()));
                wait("question");
                s.retries = 0;
                note = render(q.prompt());
                out = null;
            }
            case FlowNode.SetVariable sv -> {
                Object value = value(sv.value());
                if (value == null) s.vars.remove(sv.variable());
                else s.vars.put(sv.variable(), value);
                out = "next";
            }
            case FlowNode.Condition c -> {
                out = "else";
                for (var rule : c.rules()) {
                    if (test(rule.expression())) {
                        out = rule.id();
                        break;
                    }
                }
            }
            case FlowNode.IntentRouter r -> {
                String text = Expr.text(s.vars.get("last_message"));
                List<String> intents =
                        r.routes().stream().map(FlowNode.Route::intent).toList();
                String intent =
                        text.isBlank() ? null : fx.classify(text, intents).orElse(null);
                out = "fallback";
                for (var route : r.routes()) {
                    if (route.intent().equalsIgnoreCase(String.valueOf(intent))) {
                        out = route.id();
                        s.vars.put("intent", route.intent());
                        break;
                    }
                }
                note = intent == null ? "no intent" : "intent " + intent;
            }
            case FlowNode.KnowledgeAnswer k -> {
                String question = k.question() == null ? Expr.text(s.vars.get("last_message")) : render(k.question());
                var answer =
                        question.isBlank() ? Optional.<String>empty() : fx.knowledge(question, k.knowledgeBaseIds());
                if (answer.isPresent()) {
                    replies.add(text(answer.get()));
                    note = answer.get();
                    out = "answered";
                } else {
                    note = "no answer in the knowledge base";
                    out = "not_found";
                }
            }
            case FlowNode.Llm l -> {
                switch (fx.llm(render(l.prompt()), l.outputSchema(), l.providerIds())) {
                    case LlmResult.Ok ok -> {
                        s.vars.put(l.variable(), ok.text());
                        out = "next";
                        note = ok.text();
                    }
                    case LlmResult.Failed f -> {
                        out = "error";
                        note = f.note();
                    }
                }
            }
            case FlowNode.Http h -> {
                Map<String, String> headers = new LinkedHashMap<>();
                h.headers().forEach((k, v) -> headers.put(k, render(v)));
                String url = Templates.render(h.url(), this::lookup, Templates.Escape.URL);
                String body = h.body() == null ? null : Templates.render(h.body(), this::lookup, Templates.Escape.JSON);
                switch (fx.http(h.method(), url, headers, body, h.timeoutMs())) {
                    case HttpResult.Ok ok -> {
                        s.vars.put("http_status", BigDecimal.valueOf(ok.status()));
                        if (ok.json() != null) {
                            for (var e : h.mapping().entrySet()) {
                                JsonNode v = ok.json().at(e.getValue());
                                Object value = fromJson(v);
                                if (value != null) s.vars.put(e.getKey(), value);
                            }
                        }
                        out = ok.status() >= 200 && ok.status() < 300 ? "next" : "error";
                        note = "HTTP " + ok.status();
                    }
                    case HttpResult.Failed f -> {
                        out = "error";
                        note = f.note();
                    }
                }
            }
            case FlowNode.UpdateContact u -> {
                Map<String, String> attrs = new LinkedHashMap<>();
                u.attributes().forEach((k, v) -> attrs.put(k, render(v)));
                fx.updateContact(u.addTags(), u.removeTags(), attrs);
                note = "tags +" + u.addTags() + " -" + u.removeTags()
                        + (attrs.isEmpty() ? "" : " attributes " + attrs.keySet());
                out = "next";
            }
            case FlowNode.Wait w -> {
                wait(w.mode().equals("delay") ? "delay" : "reply");
                if (w.mode().equals("delay") || w.seconds() > 0) {
                    fx.schedule(w.mode().equals("delay") ? "delay" : "timeout", Math.max(1, w.seconds()), s.waitSeq);
                }
                note = w.mode() + (w.seconds() > 0 ? " " + w.seconds() + " s" : "");
                out = null;
            }
            case FlowNode.Subflow sf -> {
                var version = fx.activeVersion(sf.flowId());
                var sub = version.flatMap(v -> fx.document(sf.flowId(), v));
                var start = sub.flatMap(FlowDocument::start);
                if (sub.isEmpty() || start.isEmpty()) {
                    note = "sub-flow " + sf.flowId() + " is not published: skipped";
                    out = "next";
                } else if (s.stack.size() >= MAX_CALL_DEPTH) {
                    note = "sub-flows nested deeper than " + MAX_CALL_DEPTH + ": skipped";
                    out = "next";
                } else {
                    s.stack.add(new FlowState.Frame(s.flowId, s.version, sf.id()));
                    step(node.id(), node.type(), null, "call " + sf.flowId(), null);
                    s.flowId = sf.flowId();
                    s.version = version.get();
                    doc = sub.get();
                    s.nodeId = start.get().id();
                    return ENTERED;
                }
            }
            case FlowNode.Handoff h -> {
                String message = h.message() == null ? null : render(h.message());
                if (message != null && !message.isBlank()) replies.add(text(message));
                handoff = message == null || message.isBlank() ? "flow handoff at " + h.id() : message;
                step(node.id(), node.type(), null, "handoff", changed(before));
                finish("handoff");
                return null;
            }
            case FlowNode.End e -> {
                String message = e.message() == null ? null : render(e.message());
                if (message != null && !message.isBlank()) replies.add(text(message));
                step(node.id(), node.type(), null, "end", changed(before));
                if (!returnFromSubflow()) return null;
                return ENTERED;
            }
            case FlowNode.Unknown u -> {
                note = "unknown node type " + u.type() + ": flow ended";
                out = null;
                finish("stopped");
            }
        }
        step(
                node.id(),
                node.type(),
                null,
                out == null ? note : note == null ? out : out + ": " + abbreviate(note),
                changed(before));
        return out;
    }

    private void wait(String what) {
        s.waitingFor = what;
        s.waitSeq++;
    }

    /** The contact answered while the flow waits; null = still waiting (re-prompted). */
    private @Nullable String answer(Input.Message m) {
        FlowNode node = doc.node(current()).orElse(null);
        String waiting = Objects.requireNonNull(s.waitingFor);
        if (waiting.equals("delay")) {
            step(current(), "wait", m.text(), "message during a delay: noted, still waiting", null);
            return null;
        }
        if (waiting.equals("reply") || !(node instanceof FlowNode.Question q)) {
            if (node instanceof FlowNode.Wait w && w.variable() != null) s.vars.put(w.variable(), m.text());
            s.waitingFor = null;
            step(current(), "wait", m.text(), "next", null);
            return "next";
        }
        Map<String, Object> before = new LinkedHashMap<>(s.vars);
        String choiceOutput = null;
        Object value = null;
        String text = m.text().trim();
        switch (q.kind()) {
            case "number" -> value = Expr.number(number(text));
            case "email" -> value = EMAIL.matcher(text).matches() ? text : null;
            case "phone" -> value = PHONE.matcher(text).matches() ? text.replaceAll("[ ()\\-.]", "") : null;
            case "date" -> value = date(text);
            case "choice" -> {
                FlowNode.Choice c = choice(q, m);
                if (c != null) {
                    value = c.id();
                    s.vars.put(q.variable() + "_title", c.title());
                    if (doc.target(q.id(), c.id()) != null) choiceOutput = c.id();
                }
            }
            default -> value = text.isEmpty() ? null : text;
        }
        if (value != null) {
            s.vars.put(q.variable(), value);
            s.waitingFor = null;
            s.retries = 0;
            String out = choiceOutput != null ? choiceOutput : "next";
            step(q.id(), "question", m.text(), out, changed(before));
            return out;
        }
        // unexpected input: intent switch -> knowledge answer -> re-prompt -> handoff
        var other = fx.intentSwitch(s.flowId, m.text());
        if (other.isPresent()) {
            var version = fx.activeVersion(other.get());
            var next = version.flatMap(v -> fx.document(other.get(), v));
            if (next.isPresent() && next.get().start().isPresent()) {
                step(q.id(), "question", m.text(), "intent switch to flow " + other.get(), null);
                s.flowId = other.get();
                s.version = version.get();
                s.stack.clear();
                doc = next.get();
                s.nodeId = next.get().start().get().id();
                s.waitingFor = null;
                s.retries = 0;
                loop();
                return null;
            }
        }
        var known = m.text().isBlank() ? Optional.<String>empty() : fx.knowledge(m.text(), List.of());
        if (known.isPresent()) {
            replies.add(text(known.get()));
            replies.add(prompt(q, q.prompt()));
            step(q.id(), "question", m.text(), "answered from knowledge, asked again", null);
            return null;
        }
        if (s.retries < q.retries()) {
            s.retries++;
            String again = q.retryPrompt() != null ? q.retryPrompt() : "Sorry, I didn't get that. " + q.prompt();
            replies.add(prompt(q, again));
            step(
                    q.id(),
                    "question",
                    m.text(),
                    "invalid " + q.kind() + ": asked again (" + s.retries + "/" + q.retries() + ")",
                    null);
            return null;
        }
        s.waitingFor = null;
        s.retries = 0;
        if (doc.target(q.id(), "invalid") != null) {
            step(q.id(), "question", m.text(), "invalid", null);
            return "invalid";
        }
        handoff = "the contact's answer to \"" + abbreviate(render(q.prompt())) + "\" was not understood";
        replies.add(text("Let me get a person to help you with this."));
        step(q.id(), "handoff", m.text(), "retries exhausted: handed to people", null);
        finish("handoff");
        return null;
    }

    /** "1,500" and "1 500" are thousands; "2,5" is a decimal comma. */
    private static String number(String text) {
        String t = text.replaceAll("[\\s\u00a0']", "");
        if (t.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) return t.replace(",", "");
        if (t.matches("-?\\d{1,3}(\\.\\d{3})+(,\\d+)?"))
            return t.replace(".", "").replace(",", ".");
        return t.replace(",", ".");
    }

    private static FlowNode.@Nullable Choice choice(FlowNode.Question q, Input.Message m) {
        String t = m.text().trim();
        for (var c : q.choices()) if (m.replyId() != null && c.id().equals(m.replyId())) return c;
        for (var c : q.choices()) if (c.title().equalsIgnoreCase(t) || c.id().equalsIgnoreCase(t)) return c;
        try {
            int i = Integer.parseInt(t);
            if (i >= 1 && i <= q.choices().size()) return q.choices().get(i - 1);
        } catch (NumberFormatException e) {
            // not a number
        }
        return null;
    }

    private @Nullable String date(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        LocalDate today = fx.now().toLocalDate();
        if (t.equals("today")) return today.toString();
        if (t.equals("tomorrow")) return today.plusDays(1).toString();
        for (String pattern : List.of("yyyy-MM-dd", "d.M.yyyy", "d/M/yyyy", "d-M-yyyy", "d.M.yy")) {
            try {
                return LocalDate.parse(t, DateTimeFormatter.ofPattern(pattern, Locale.ROOT))
                        .toString();
            } catch (RuntimeException e) {
                // try the next pattern
            }
        }
        return null;
    }

    private Reply prompt(FlowNode.Question q, String prompt) {
        return new Reply(render(prompt), q.kind().equals("choice") ? q.choices() : List.of(), null, null);
    }

    private static Reply text(String t) {
        return new Reply(t, List.of(), null, null);
    }

    private String current() {
        return s.nodeId == null ? "?" : s.nodeId;
    }

    private String render(String template) {
        return Templates.render(template, this::lookup, Templates.Escape.TEXT);
    }

    private @Nullable Object value(String value) {
        if (Templates.isTemplate(value)) return render(value);
        try {
            return Expr.eval(Expr.parse(value), scope());
        } catch (Expr.ParseException e) {
            return value; // the validator reports it; at run time the literal text is the safest value
        }
    }

    private boolean test(String expression) {
        try {
            return Expr.test(Expr.parse(expression), scope());
        } catch (Expr.ParseException e) {
            return false;
        }
    }

    private Expr.Scope scope() {
        return new Expr.Scope() {
            public @Nullable Object lookup(String path) {
                return FlowEngine.this.lookup(path);
            }

            public ZonedDateTime now() {
                return fx.now();
            }
        };
    }

    @SuppressWarnings("unchecked")
    @Nullable
    Object lookup(String path) {
        Object current = s.vars;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) current = ((Map<String, Object>) map).get(part);
            else return null;
            if (current == null) return null;
        }
        return current;
    }

    private static @Nullable Object fromJson(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) return null;
        if (v.isNumber()) return v.decimalValue();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isString()) return v.asString();
        return v.toString();
    }

    private @Nullable Map<String, Object> changed(Map<String, Object> before) {
        Map<String, Object> diff = new LinkedHashMap<>();
        for (var e : s.vars.entrySet()) {
            if (e.getKey().equals("last_message")
                    || e.getKey().equals("contact")
                    || e.getKey().equals("conversation")) continue;
            if (!Objects.equals(before.get(e.getKey()), e.getValue())) diff.put(e.getKey(), e.getValue());
        }
        for (String k : before.keySet()) if (!s.vars.containsKey(k)) diff.put(k, "(removed)");
        return diff.isEmpty() ? null : diff;
    }

    private void step(
            String nodeId,
            String type,
            @Nullable String input,
            @Nullable String output,
            @Nullable Map<String, Object> vars) {
        steps.add(new Step(
                s.flowId, s.version, nodeId, type, input, output, vars, fx.now().toInstant()));
    }

    private Result result(boolean budget, boolean consumed) {
        return new Result(List.copyOf(replies), List.copyOf(steps), handoff, budget, consumed);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }
}
