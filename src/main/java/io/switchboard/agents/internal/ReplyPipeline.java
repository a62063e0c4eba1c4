package io.switchboard.agents.internal;

import io.switchboard.conversations.MessageContent;
import io.switchboard.knowledge.KnowledgeHit;
import io.switchboard.knowledge.KnowledgeSearch;
import io.switchboard.knowledge.TextEmbeddings;
import io.switchboard.llm.ChatOutcome;
import io.switchboard.llm.ChatRequest;
import io.switchboard.llm.LlmGateway;
import io.switchboard.moderation.Moderation;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One answer of one agent to one message, without side effects on the conversation (callers apply
 * the result): moderation of the message → understanding (intent, entities) → business hours →
 * handoff rules → knowledge search → LLM chain (offline responder last) → moderation of the reply →
 * trim to the channel's length. Every step lands in the trace.
 */
@Component
class ReplyPipeline {

    static final int TOP_K = 5;

    private final ObjectProvider<Moderation> moderation;
    private final ObjectProvider<KnowledgeSearch> knowledge;
    private final ObjectProvider<TextEmbeddings> embeddings;
    private final ObjectProvider<LlmGateway> gateway;
    private final AgentTools tools;
    private final Clock clock;
    private final Map<String, IntentClassifier> classifiers = new ConcurrentHashMap<>();

    ReplyPipeline(
            ObjectProvider<Moderation> moderation,
            ObjectProvider<KnowledgeSearch> knowledge,
            ObjectProvider<TextEmbeddings> embeddings,
            ObjectProvider<LlmGateway> gateway,
            AgentTools tools,
            ObjectProvider<Clock> clock) {
        this.moderation = moderation;
        this.knowledge = knowledge;
        this.embeddings = embeddings;
        this.gateway = gateway;
        this.tools = tools;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    enum Kind {
        /** A composed answer (LLM or offline responder) or an intent's canned reply. */
        REPLY,
        /** No answer: the fallback message was sent; counts as a failed answer. */
        FALLBACK,
        HANDOFF,
        /** Moderation blocked the message or the reply: a safe message, and the conversation is flagged. */
        BLOCKED
    }

    record Input(
            UUID orgId,
            AgentService.Agent agent,
            String text,
            List<ChatRequest.ChatTurn> history,
            @Nullable String summary,
            String channelType,
            @Nullable UUID conversationId,
            @Nullable UUID contactId,
            @Nullable String subjectRef,
            int failedInRow,
            String purpose) {}

    /**
     * @param understanding what to store on the inbound message
     * @param flagReason set when the conversation should be flagged for a human's look
     */
    record Result(
            Kind kind,
            String reply,
            List<MessageContent.Citation> citations,
            @Nullable String handoffReason,
            @Nullable String flagReason,
            Map<String, Object> understanding,
            AgentTrace trace) {}

    Result run(Input in) {
        var trace = new AgentTrace.Builder();
        AgentSettings settings = in.agent().settings();
        trace.mode = settings.llmChain().isEmpty() ? "offline" : "llm";
        String text = in.text();
        String flagReason = null;

        // 1. moderation of what came in
        Moderation mod = moderation.getIfAvailable();
        if (mod != null) {
            var decision = trace.step(
                    "moderation_inbound",
                    () -> mod.check(in.orgId(), in.text(), Moderation.Stage.INBOUND, in.subjectRef()),
                    d -> d.verdict().name().toLowerCase(Locale.ROOT) + findings(d));
            if (decision.blocked()) {
                trace.outcome = "blocked";
                trace.fallbacks.add("inbound message blocked by moderation");
                return new Result(
                        Kind.BLOCKED,
                        settings.messages().blockedText(),
                        List.of(),
                        null,
                        "inbound message blocked" + findings(decision),
                        Map.of("moderation", "blocked"),
                        trace.build());
            }
            if (decision.verdict() == Moderation.Verdict.FLAG)
                flagReason = "inbound message flagged" + findings(decision);
            text = decision.text();
        } else {
            trace.note("moderation_inbound", "moderation module not available: skipped");
        }
        final String message = text;

        // 2. understanding
        ZoneId zone = settings.businessHours() != null
                ? ZoneId.of(settings.businessHours().timezone())
                : ZoneId.of("UTC");
        var understanding = settings.understanding();
        List<Entity> entities = trace.step(
                "entities",
                () -> new EntityExtractor(clock)
                        .extract(message, zone, understanding.lists(), understanding.patterns()),
                found -> found.isEmpty()
                        ? "none"
                        : found.stream()
                                .map(e -> e.type() + "=" + e.value())
                                .toList()
                                .toString());
        trace.entities = entities;
        TextEmbeddings embedder = embeddings.getIfAvailable();
        float[] queryVector = null;
        IntentClassifier.Prediction prediction = null;
        if (embedder != null && !settings.intents().isEmpty()) {
            IntentClassifier classifier = classifier(in.agent(), embedder);
            float[] vector = embedder.embed(message);
            queryVector = vector;
            prediction = trace.step(
                    "intent",
                    () -> classifier.classify(vector, understanding.threshold()),
                    p -> p.intent() == null
                            ? String.format(
                                    Locale.ROOT,
                                    "none above %.2f (best %.2f)",
                                    understanding.threshold(),
                                    p.confidence())
                            : String.format(Locale.ROOT, "%s (%.2f)", p.intent(), p.confidence()));
            trace.intent = prediction.intent();
            trace.confidence = prediction.confidence();
            trace.intentRanking = prediction.ranking().stream()
                    .limit(5)
                    .map(s -> new AgentTrace.IntentScore(s.intent(), round(s.score())))
                    .toList();
        } else {
            trace.note("intent", settings.intents().isEmpty() ? "no intents defined" : "embeddings not available");
        }
        String intent = prediction == null ? null : prediction.intent();
        Map<String, Object> understood = new LinkedHashMap<>();
        understood.put("intent", intent);
        understood.put("confidence", prediction == null ? null : round(prediction.confidence()));
        understood.put("entities", entities);

        // 3. business hours (decides what a handoff says: nobody is there to take over now)
        boolean open = trace.step(
                "business_hours",
                () -> BusinessHoursCheck.open(settings.businessHours(), clock.instant()),
                o -> settings.businessHours() == null ? "always open" : o ? "open" : "closed");
        String handoffMessage =
                open ? settings.messages().handoffText() : settings.messages().outOfHoursText();

        // 4. handoff rules before answering
        Optional<String> early = trace.step(
                "handoff_rules",
                () -> HandoffRules.beforeAnswer(settings, message, intent),
                r -> r.orElse("no rule matched"));
        if (early.isPresent()) {
            return handoff(trace, handoffMessage, early.get(), flagReason, understood, open);
        }

        // an intent with a reply is answered as written: fast, predictable
        if (intent != null) {
            var defined = settings.intents().stream()
                    .filter(i -> i.name().equals(intent))
                    .findFirst();
            if (defined.isPresent()
                    && defined.get().reply() != null
                    && !defined.get().reply().isBlank()) {
                trace.answeredBy = "intent:" + intent;
                String reply = trim(defined.get().reply(), settings.maxLengthFor(in.channelType()), trace);
                return new Result(Kind.REPLY, reply, List.of(), null, flagReason, understood, trace.build());
            }
        }

        // 5. knowledge
        KnowledgeSearch search = knowledge.getIfAvailable();
        List<KnowledgeHit> hits = List.of();
        if (search != null && !settings.knowledgeBaseIds().isEmpty()) {
            hits = trace.step(
                    "knowledge_search",
                    () -> search.search(in.orgId(), settings.knowledgeBaseIds(), message, TOP_K),
                    h -> h.size() + " chunks"
                            + (h.isEmpty() ? "" : ", best: " + h.getFirst().documentTitle()));
            // the similarity of the best passage costs one more embedding: only when a rule needs it
            if (!hits.isEmpty() && embedder != null && settings.handoff().lowConfidence() > 0) {
                float[] q = queryVector != null ? queryVector : embedder.embed(message);
                String best = hits.getFirst().text();
                double similarity = trace.step(
                        "retrieval_confidence",
                        () -> IntentClassifier.dot(q, embedder.embed(best)),
                        s -> String.format(Locale.ROOT, "%.2f", s));
                trace.retrievalConfidence = round(similarity);
            } else if (hits.isEmpty() && settings.handoff().lowConfidence() > 0) {
                trace.retrievalConfidence = 0.0;
            }
        } else {
            trace.note(
                    "knowledge_search",
                    settings.knowledgeBaseIds().isEmpty() ? "no knowledge base" : "knowledge module not available");
        }
        if (trace.retrievalConfidence != null) {
            var low = HandoffRules.lowConfidence(settings, trace.retrievalConfidence, false);
            if (low.isPresent()) {
                trace.retrieved = chunks(hits, Set.of());
                return handoff(trace, handoffMessage, low.get(), flagReason, understood, open);
            }
        }

        // 6. the LLM chain (the gateway ends every chain with the offline responder)
        LlmGateway llm = gateway.getIfAvailable();
        var toolContext = new AgentTools.Context(in.orgId(), in.agent(), in.conversationId(), in.contactId());
        ChatOutcome outcome;
        if (llm == null) {
            trace.note("llm", "LLM module not available");
            outcome = new ChatOutcome.NoAnswer("LLM module not available", List.of());
        } else {
            List<ChatRequest.Passage> passages = hits.stream()
                    .map(h -> new ChatRequest.Passage(
                            h.chunkId().toString(),
                            h.documentTitle(),
                            h.section(),
                            h.sourceUrl(),
                            h.context(),
                            h.score()))
                    .toList();
            var request = new ChatRequest(
                    in.orgId(),
                    settings.llmChain(),
                    systemPrompt(in, settings, intent, entities),
                    in.history(),
                    message,
                    passages,
                    tools.specs(settings),
                    (name, args) -> tools.execute(toolContext, name, args),
                    3,
                    Duration.ofSeconds(8),
                    null,
                    in.purpose());
            outcome = trace.step("llm", () -> llm.chat(request), o -> switch (o) {
                case ChatOutcome.Answered a ->
                    "answered by " + a.provider() + (a.offline() ? " (offline)" : "") + " " + a.model();
                case ChatOutcome.NoAnswer n -> "no answer: " + n.reason();
            });
        }
        trace.providers =
                outcome.attempts().stream().map(AgentTrace.ProviderAttempt::of).toList();
        for (var attempt : outcome.attempts()) {
            if (!"ok".equals(attempt.result())) trace.fallbacks.add(attempt.provider() + ": " + attempt.result());
        }

        if (outcome instanceof ChatOutcome.Answered answered) {
            trace.answeredBy = answered.provider() + (answered.model().isBlank() ? "" : "/" + answered.model());
            trace.inputTokens = answered.usage().inputTokens();
            trace.outputTokens = answered.usage().outputTokens();
            trace.costMicros = answered.usage().costMicros();
            trace.toolCalls = answered.toolCalls().stream()
                    .map(c -> new AgentTrace.ToolCallView(c.name(), c.argumentsJson(), c.result(), c.latencyMs()))
                    .toList();
            Set<String> cited = new LinkedHashSet<>(answered.citedPassageIds());
            trace.retrieved = chunks(hits, cited);
            if (toolContext.handoffReason != null) {
                return handoff(trace, handoffMessage, toolContext.handoffReason, flagReason, understood, open);
            }
            String reply = answered.text();
            // 7. moderation of the reply
            if (mod != null) {
                String candidate = reply;
                var decision = trace.step(
                        "moderation_reply",
                        () -> mod.check(in.orgId(), candidate, Moderation.Stage.REPLY, in.subjectRef()),
                        d -> d.verdict().name().toLowerCase(Locale.ROOT) + findings(d));
                if (decision.blocked()) {
                    trace.outcome = "blocked";
                    trace.fallbacks.add("reply blocked by moderation");
                    return new Result(
                            Kind.BLOCKED,
                            settings.messages().blockedText(),
                            List.of(),
                            null,
                            "generated reply blocked" + findings(decision),
                            understood,
                            trace.build());
                }
                reply = decision.text();
            }
            List<MessageContent.Citation> citations = citations(hits, cited);
            reply = trim(reply, settings.maxLengthFor(in.channelType()), trace);
            return new Result(Kind.REPLY, reply, citations, null, flagReason, understood, trace.build());
        }

        // no answer: fallback, or hand off after N in a row
        trace.retrieved = chunks(hits, Set.of());
        var noAnswer = (ChatOutcome.NoAnswer) outcome;
        var tooMany = HandoffRules.afterFailure(settings, in.failedInRow() + 1);
        if (tooMany.isPresent()) {
            return handoff(
                    trace,
                    handoffMessage,
                    tooMany.get() + " (" + noAnswer.reason() + ")",
                    flagReason,
                    understood,
                    open);
        }
        if (toolContext.handoffReason != null) {
            return handoff(trace, handoffMessage, toolContext.handoffReason, flagReason, understood, open);
        }
        trace.outcome = "fallback";
        trace.fallbacks.add("fallback message: " + noAnswer.reason());
        String reply = trim(settings.messages().fallbackText(), settings.maxLengthFor(in.channelType()), trace);
        return new Result(Kind.FALLBACK, reply, List.of(), null, flagReason, understood, trace.build());
    }

    private Result handoff(
            AgentTrace.Builder trace,
            String message,
            String reason,
            @Nullable String flagReason,
            Map<String, Object> understood,
            boolean open) {
        trace.outcome = "handoff";
        trace.fallbacks.add("handoff: " + reason + (open ? "" : " (out of hours)"));
        return new Result(Kind.HANDOFF, message, List.of(), reason, flagReason, understood, trace.build());
    }

    /** The agent's instructions and nothing from retrieved documents: passages travel separately as quoted data. */
    static String systemPrompt(Input in, AgentSettings settings, @Nullable String intent, List<Entity> entities) {
        StringBuilder prompt = new StringBuilder(settings.instructions().strip());
        if (settings.tone() != null && !settings.tone().isBlank()) {
            prompt.append("\n\nTone: ").append(settings.tone().strip()).append('.');
        }
        List<String> languages = settings.languages();
        prompt.append("\nAnswer in the customer's language when it is one of: ")
                .append(String.join(", ", languages))
                .append("; otherwise answer in ")
                .append(languages.getFirst())
                .append('.');
        prompt.append("\nKeep the answer under ")
                .append(settings.maxLengthFor(in.channelType()))
                .append(" characters. Answer only from the provided passages and the conversation;"
                        + " if they do not contain the answer, say you don't know.");
        if (in.summary() != null && !in.summary().isBlank()) {
            prompt.append("\n\nSummary of the conversation so far: ")
                    .append(in.summary().strip());
        }
        if (intent != null)
            prompt.append("\nThe customer's intent looks like: ").append(intent).append('.');
        if (!entities.isEmpty()) {
            prompt.append("\nRecognised in the message: ");
            prompt.append(String.join(
                    ", ", entities.stream().map(e -> e.type() + " " + e.value()).toList()));
            prompt.append('.');
        }
        return prompt.toString();
    }

    private IntentClassifier classifier(AgentService.Agent agent, TextEmbeddings embedder) {
        String key = agent.id() + "@" + agent.updatedAt();
        IntentClassifier existing = classifiers.get(key);
        if (existing != null) return existing;
        classifiers.keySet().removeIf(k -> k.startsWith(agent.id() + "@")); // older versions of this agent
        IntentClassifier trained = IntentClassifier.train(agent.settings().intents(), embedder::embedAll);
        classifiers.put(key, trained);
        return trained;
    }

    private static List<AgentTrace.Chunk> chunks(List<KnowledgeHit> hits, Set<String> cited) {
        List<AgentTrace.Chunk> out = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            var h = hits.get(i);
            out.add(new AgentTrace.Chunk(
                    i + 1,
                    h.chunkId(),
                    h.knowledgeBaseId(),
                    h.documentId(),
                    h.documentTitle(),
                    h.section(),
                    h.sourceUrl(),
                    h.text(),
                    h.score(),
                    h.lexicalRank(),
                    h.vectorRank(),
                    cited.contains(h.chunkId().toString())));
        }
        return out;
    }

    private static List<MessageContent.Citation> citations(List<KnowledgeHit> hits, Set<String> cited) {
        Set<MessageContent.Citation> out = new LinkedHashSet<>();
        for (String id : cited) {
            hits.stream()
                    .filter(h -> h.chunkId().toString().equals(id))
                    .findFirst()
                    .ifPresent(
                            h -> out.add(new MessageContent.Citation(h.documentTitle(), h.section(), h.sourceUrl())));
        }
        return List.copyOf(out);
    }

    /** Cuts at a sentence or word boundary, never mid-word, and says so with an ellipsis. */
    static String trim(String text, int max, AgentTrace.Builder trace) {
        String t = text.strip();
        if (t.length() <= max) return t;
        String cut = t.substring(0, max - 1);
        int sentence = Math.max(cut.lastIndexOf(". "), Math.max(cut.lastIndexOf("! "), cut.lastIndexOf("? ")));
        String result;
        if (sentence > max / 2) result = cut.substring(0, sentence + 1);
        else {
            int space = cut.lastIndexOf(' ');
            result = (space > max / 2 ? cut.substring(0, space) : cut).stripTrailing() + "…";
        }
        trace.note(
                "trim", "reply cut from " + t.length() + " to " + result.length() + " characters (limit " + max + ")");
        return result;
    }

    private static String findings(Moderation.Decision d) {
        return d.findings().isEmpty()
                ? ""
                : " ("
                        + String.join(
                                ", ",
                                d.findings().stream()
                                        .map(Moderation.Finding::rule)
                                        .toList()) + ")";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
