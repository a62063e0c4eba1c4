package io.switchboard.flows.internal;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A scripted world for engine tests: documents by id, canned knowledge/LLM/HTTP answers, recorded effects. */
class FakeWorld implements FlowEngine.Effects {

    final Map<String, FlowDocument> documents = new HashMap<>();
    final Map<String, String> knowledge = new HashMap<>();
    final List<String> contactUpdates = new ArrayList<>();
    final List<String> timers = new ArrayList<>();
    final List<String> httpCalls = new ArrayList<>();

    @Nullable
    String intentSwitchTo;

    FlowEngine.LlmResult llm = new FlowEngine.LlmResult.Failed("offline");
    FlowEngine.HttpResult http = new FlowEngine.HttpResult.Failed("no network");
    ZonedDateTime now = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC);

    public Optional<FlowDocument> document(String flowId, int version) {
        return Optional.ofNullable(documents.get(flowId));
    }

    public Optional<Integer> activeVersion(String flowId) {
        return documents.containsKey(flowId) ? Optional.of(1) : Optional.empty();
    }

    public Optional<String> intentSwitch(String currentFlowId, String text) {
        return Optional.ofNullable(intentSwitchTo).filter(t -> !t.equals(currentFlowId) && text.contains("switch"));
    }

    public Optional<String> knowledge(String question, List<String> knowledgeBaseIds) {
        return knowledge.entrySet().stream()
                .filter(e -> question.toLowerCase().contains(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public Optional<String> classify(String text, List<String> intents) {
        return intents.stream().filter(i -> Triggers.mentions(text, i)).findFirst();
    }

    public FlowEngine.LlmResult llm(String prompt, @Nullable JsonNode outputSchema, List<String> providerIds) {
        return llm;
    }

    public FlowEngine.HttpResult http(
            String method, String url, Map<String, String> headers, @Nullable String body, int timeoutMs) {
        httpCalls.add(method + " " + url + (body == null ? "" : " " + body));
        return http;
    }

    public void updateContact(List<String> addTags, List<String> removeTags, Map<String, String> attributes) {
        contactUpdates.add("+" + addTags + " -" + removeTags + " " + attributes);
    }

    public void schedule(String kind, int seconds, int waitSeq) {
        timers.add(kind + ":" + seconds + ":" + waitSeq);
    }

    public ZonedDateTime now() {
        return now;
    }
}
