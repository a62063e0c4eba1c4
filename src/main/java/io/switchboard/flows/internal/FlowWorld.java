package io.switchboard.flows.internal;

import io.switchboard.contacts.ContactDirectory;
import io.switchboard.knowledge.KnowledgeBaseCatalog;
import io.switchboard.knowledge.KnowledgeHit;
import io.switchboard.knowledge.KnowledgeSearch;
import io.switchboard.llm.ChatOutcome;
import io.switchboard.llm.ChatRequest;
import io.switchboard.llm.LlmGateway;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.web.OutboundUrlGuard;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's view of the world for one organisation: published documents, knowledge, the LLM
 * gateway, SSRF-checked HTTP, contact updates and timers. The simulator gets the same world with
 * contact updates and timers recorded instead of applied.
 */
@Component
class FlowWorld {

    private static final int MAX_HTTP_BODY = 256 * 1024;

    private final FlowCatalog catalog;
    private final ObjectProvider<KnowledgeSearch> knowledge;
    private final ObjectProvider<KnowledgeBaseCatalog> knowledgeBases;
    private final ObjectProvider<LlmGateway> llm;
    private final ContactDirectory contacts;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean allowPrivateNetworks;
    private final Set<String> allowedHosts;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    FlowWorld(
            FlowCatalog catalog,
            ObjectProvider<KnowledgeSearch> knowledge,
            ObjectProvider<KnowledgeBaseCatalog> knowledgeBases,
            ObjectProvider<LlmGateway> llm,
            ContactDirectory contacts,
            JsonMapper json,
            ObjectProvider<Clock> clock,
            @Value("${switchboard.flows.http.allow-private-networks:false}") boolean allowPrivateNetworks,
            @Value("${switchboard.flows.http.allowed-hosts:}") String allowedHosts) {
        this.catalog = catalog;
        this.knowledge = knowledge;
        this.knowledgeBases = knowledgeBases;
        this.llm = llm;
        this.contacts = contacts;
        this.json = json;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = new HashSet<>();
        Arrays.stream(allowedHosts.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .forEach(this.allowedHosts::add);
    }

    /** A timer the engine asks for: (kind, seconds, waitSeq). */
    interface Timers {
        void schedule(String kind, int seconds, int waitSeq);
    }

    /**
     * @param draftFlowId with {@code draft}: the simulator runs this flow's draft as "version 0"
     * @param contactId null in the simulator: contact updates are only described
     */
    FlowEngine.Effects effects(
            UUID orgId,
            @Nullable UUID contactId,
            @Nullable UUID draftFlowId,
            @Nullable FlowDocument draft,
            Timers timers,
            List<String> notes) {
        return new FlowEngine.Effects() {
            public Optional<FlowDocument> document(String flowId, int version) {
                if (draft != null && draftFlowId != null && version == 0 && flowId.equals(draftFlowId.toString())) {
                    return Optional.of(draft);
                }
                UUID id = uuid(flowId);
                return id == null ? Optional.empty() : catalog.document(orgId, id, version);
            }

            public Optional<Integer> activeVersion(String flowId) {
                if (draft != null && draftFlowId != null && flowId.equals(draftFlowId.toString()))
                    return Optional.of(0);
                UUID id = uuid(flowId);
                return id == null ? Optional.empty() : catalog.activeVersion(orgId, id);
            }

            public Optional<String> intentSwitch(String currentFlowId, String text) {
                for (var flow : catalog.active(orgId)) {
                    if (flow.flowId().toString().equals(currentFlowId)) continue;
                    var start = flow.document().start();
                    if (start.isEmpty()) continue;
                    for (var t : start.get().triggers()) {
                        if (t.type().equals("intent") && t.intent() != null && Triggers.mentions(text, t.intent())) {
                            return Optional.of(flow.flowId().toString());
                        }
                    }
                }
                return Optional.empty();
            }

            public Optional<String> knowledge(String question, List<String> knowledgeBaseIds) {
                KnowledgeSearch search = knowledge.getIfAvailable();
                if (search == null) return Optional.empty();
                List<UUID> ids = new ArrayList<>();
                for (String s : knowledgeBaseIds) {
                    UUID id = uuid(s);
                    if (id != null) ids.add(id);
                }
                if (ids.isEmpty()) {
                    KnowledgeBaseCatalog kbs = knowledgeBases.getIfAvailable();
                    if (kbs == null) return Optional.empty();
                    kbs.list(orgId).forEach(kb -> ids.add(kb.id()));
                }
                if (ids.isEmpty()) return Optional.empty();
                try {
                    List<KnowledgeHit> hits = search.search(orgId, ids, question, 3);
                    // only a passage that shares words with the question (BM25 found it) counts as an answer
                    return hits.stream()
                            .filter(h -> h.lexicalRank() != null && h.vectorRank() != null)
                            .findFirst()
                            .map(KnowledgeHit::text);
                } catch (RuntimeException e) {
                    notes.add("knowledge search failed: " + e.getMessage());
                    return Optional.empty();
                }
            }

            public Optional<String> classify(String text, List<String> intents) {
                for (String intent : intents) if (Triggers.mentions(text, intent)) return Optional.of(intent);
                return Optional.empty();
            }

            public FlowEngine.LlmResult llm(String prompt, @Nullable JsonNode outputSchema, List<String> providerIds) {
                return FlowWorld.this.llm(orgId, prompt, outputSchema, providerIds);
            }

            public FlowEngine.HttpResult http(
                    String method, String url, Map<String, String> headers, @Nullable String body, int timeoutMs) {
                return FlowWorld.this.http(method, url, headers, body, timeoutMs);
            }

            public void updateContact(List<String> addTags, List<String> removeTags, Map<String, String> attributes) {
                if (contactId == null) {
                    notes.add("contact update (simulated): +" + addTags + " -" + removeTags + " " + attributes);
                    return;
                }
                contacts.updateTagsAndAttributes(orgId, contactId, addTags, removeTags, attributes);
            }

            public void schedule(String kind, int seconds, int waitSeq) {
                timers.schedule(kind, seconds, waitSeq);
            }

            public ZonedDateTime now() {
                return ZonedDateTime.now(clock);
            }
        };
    }

    /** Offline (no provider chain or no gateway) the step takes its error output and says why. */
    FlowEngine.LlmResult llm(UUID orgId, String prompt, @Nullable JsonNode outputSchema, List<String> providerIds) {
        LlmGateway gateway = llm.getIfAvailable();
        List<UUID> chain = providerIds.stream()
                .map(FlowWorld::uuid)
                .filter(java.util.Objects::nonNull)
                .toList();
        if (gateway == null || chain.isEmpty()) {
            return new FlowEngine.LlmResult.Failed(
                    "offline: no LLM provider is set on this step (data.providerIds), so it took its error output");
        }
        String system = "You are a step inside a chat flow. Answer only what is asked."
                + (outputSchema == null
                        ? ""
                        : " Reply with JSON only, valid against this JSON Schema: " + outputSchema);
        var outcome = gateway.chat(new ChatRequest(
                orgId,
                chain,
                system,
                List.of(),
                prompt,
                List.of(),
                List.of(),
                null,
                0,
                Duration.ofSeconds(20),
                null,
                "flow-llm"));
        return switch (outcome) {
            case ChatOutcome.Answered a -> new FlowEngine.LlmResult.Ok(a.text());
            case ChatOutcome.NoAnswer n -> new FlowEngine.LlmResult.Failed("no answer: " + n.reason());
        };
    }

    FlowEngine.HttpResult http(
            String method, String url, Map<String, String> headers, @Nullable String body, int timeoutMs) {
        URI uri;
        try {
            uri = OutboundUrlGuard.check("url", url, allowPrivateNetworks, allowedHosts);
        } catch (ApiProblem e) {
            return new FlowEngine.HttpResult.Failed("blocked: " + e.getMessage());
        }
        try {
            var request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(Math.clamp(timeoutMs, 100, 30_000)))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach((k, v) -> {
                if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) request.header(k, v);
            });
            if (body != null && headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("content-type"))) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_HTTP_BODY + 1);
            }
            if (bytes.length > MAX_HTTP_BODY) return new FlowEngine.HttpResult.Failed("response larger than 256 KiB");
            String text = new String(bytes, StandardCharsets.UTF_8);
            JsonNode parsed = null;
            try {
                parsed = text.isBlank() ? null : json.readTree(text);
            } catch (RuntimeException e) {
                // not JSON: mapping finds nothing
            }
            return new FlowEngine.HttpResult.Ok(response.statusCode(), parsed, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FlowEngine.HttpResult.Failed("interrupted");
        } catch (Exception e) {
            return new FlowEngine.HttpResult.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static @Nullable UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
