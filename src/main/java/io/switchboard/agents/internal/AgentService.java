package io.switchboard.agents.internal;

import static io.switchboard.agents.internal.AgentTables.Agents;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.billing.Limit;
import io.switchboard.billing.Quotas;
import io.switchboard.channels.AgentReferences;
import io.switchboard.channels.ChannelDirectory;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.knowledge.KnowledgeSearch;
import io.switchboard.llm.LlmProviders;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.db.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Agent definitions: validated settings in JSON, tool secrets encrypted and write-only. */
@Service
class AgentService implements AgentReferences {

    static final Set<String> BUILTIN_TOOL_NAMES =
            Set.of("lookup_contact", "search_knowledge", "handoff_to_human", "book_callback");
    private static final TypeReference<Map<String, Map<String, String>>> SECRETS = new TypeReference<>() {};
    private static final java.util.regex.Pattern TOOL_NAME =
            java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,63}");
    private static final java.util.regex.Pattern HEADER_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    private static final java.util.regex.Pattern LANGUAGE =
            java.util.regex.Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final DSLContext db;
    private final JsonMapper json;
    private final SecretBox secrets;
    private final ToolNetworkPolicy network;
    private final ChannelDirectory channels;
    private final ObjectProvider<KnowledgeSearch> knowledge;
    private final LlmProviders llmProviders;
    private final AuditLog audit;
    private final Quotas quotas;

    AgentService(
            DSLContext db,
            JsonMapper json,
            SecretBox secrets,
            ToolNetworkPolicy network,
            ChannelDirectory channels,
            ObjectProvider<KnowledgeSearch> knowledge,
            LlmProviders llmProviders,
            AuditLog audit,
            Quotas quotas) {
        this.quotas = quotas;
        this.db = db;
        this.json = json;
        this.secrets = secrets;
        this.network = network;
        this.channels = channels;
        this.knowledge = knowledge;
        this.llmProviders = llmProviders;
        this.audit = audit;
    }

    /** An agent as the pipeline uses it. */
    record Agent(
            UUID id,
            UUID orgId,
            String name,
            AgentSettings settings,
            Map<String, Map<String, String>> toolSecrets,
            Instant updatedAt) {}

    @Schema(name = "AgentView")
    record AgentView(
            UUID id,
            String name,
            AgentSettings settings,

            @Schema(description = "offline (answers from the knowledge base only) or llm (provider chain)")
            String mode,

            @Schema(description = "channels this agent answers on")
            List<AttachedChannel> channels,

            Instant createdAt,
            Instant updatedAt) {}

    @Schema(name = "AgentChannel")
    record AttachedChannel(UUID id, String name, String type, boolean enabled) {}

    // ---- module API

    @Override
    public boolean exists(UUID orgId, UUID agentId) {
        return db.fetchExists(Agents.T, Agents.ORG_ID.eq(orgId), Agents.ID.eq(agentId));
    }

    Optional<Agent> load(UUID orgId, UUID agentId) {
        return db.select(Agents.ALL)
                .from(Agents.T)
                .where(Agents.ORG_ID.eq(orgId), Agents.ID.eq(agentId))
                .fetchOptional(r -> new Agent(
                        r.get(Agents.ID),
                        r.get(Agents.ORG_ID),
                        r.get(Agents.NAME),
                        settings(r),
                        decryptSecrets(r.get(Agents.ID), r.get(Agents.TOOL_SECRETS)),
                        r.get(Agents.UPDATED_AT)));
    }

    // ---- dashboard API

    PageResponse<AgentView> list(PageQuery page) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return Pages.fetch(
                db,
                page,
                db.select(Agents.ALL)
                        .from(Agents.T)
                        .where(Agents.ORG_ID.eq(orgId))
                        .orderBy(Agents.CREATED_AT.desc(), Agents.ID),
                this::toView);
    }

    AgentView get(UUID id) {
        return toView(row(CurrentPrincipal.get().orgId(), id));
    }

    @Transactional
    AgentView create(String name, @Nullable AgentSettings requested) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        UUID id = UUID.randomUUID();
        AgentSettings settings = requested == null ? AgentSettings.defaults() : requested;
        var split = validateAndSplit(principal.orgId(), settings, Map.of());
        quotas.requireRoom(principal.orgId(), Limit.AGENTS, 1);
        db.insertInto(Agents.T)
                .set(Agents.ID, id)
                .set(Agents.ORG_ID, principal.orgId())
                .set(Agents.NAME, name.trim())
                .set(Agents.SETTINGS, JSONB.valueOf(json.writeValueAsString(split.settings())))
                .set(Agents.TOOL_SECRETS, encryptSecrets(id, split.secrets()))
                .execute();
        audit.record("agent.created", "agent", id.toString(), Map.of("name", name.trim()));
        return get(id);
    }

    @Transactional
    AgentView update(UUID id, String name, @Nullable AgentSettings requested) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        Record current = row(principal.orgId(), id);
        AgentSettings settings = requested == null ? settings(current) : requested;
        var split = validateAndSplit(principal.orgId(), settings, decryptSecrets(id, current.get(Agents.TOOL_SECRETS)));
        db.update(Agents.T)
                .set(Agents.NAME, name.trim())
                .set(Agents.SETTINGS, JSONB.valueOf(json.writeValueAsString(split.settings())))
                .set(Agents.TOOL_SECRETS, encryptSecrets(id, split.secrets()))
                .set(Agents.UPDATED_AT, Instant.now())
                .where(Agents.ORG_ID.eq(principal.orgId()), Agents.ID.eq(id))
                .execute();
        audit.record("agent.updated", "agent", id.toString(), Map.of("name", name.trim()));
        return get(id);
    }

    @Transactional
    void delete(UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        row(principal.orgId(), id);
        channels.detachAgent(principal.orgId(), id);
        db.deleteFrom(Agents.T)
                .where(Agents.ORG_ID.eq(principal.orgId()), Agents.ID.eq(id))
                .execute();
        audit.record("agent.deleted", "agent", id.toString(), Map.of());
    }

    Record row(UUID orgId, UUID id) {
        return db.select(Agents.ALL)
                .from(Agents.T)
                .where(Agents.ORG_ID.eq(orgId), Agents.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Agent " + id));
    }

    // ---- validation

    private record Split(AgentSettings settings, Map<String, Map<String, String>> secrets) {}

    /**
     * Checks every field (naming the first bad one), and moves secret header values out of the
     * settings; a secret header sent without a value keeps the stored one.
     */
    private Split validateAndSplit(UUID orgId, AgentSettings s, Map<String, Map<String, String>> storedSecrets) {
        for (int i = 0; i < s.languages().size(); i++) {
            if (!LANGUAGE.matcher(s.languages().get(i)).matches()) {
                throw ApiProblem.invalidField(
                        "settings.languages[" + i + "]", "must be a language code such as en or pt-BR");
            }
        }
        List<UUID> kbs = s.knowledgeBaseIds();
        if (!kbs.isEmpty()) {
            KnowledgeSearch search = knowledge.getIfAvailable();
            for (int i = 0; i < kbs.size(); i++) {
                if (search == null || !search.exists(orgId, kbs.get(i))) {
                    throw ApiProblem.invalidField(
                            "settings.knowledgeBaseIds[" + i + "]", "is not a knowledge base of this organisation");
                }
            }
        }
        if (new HashSet<>(s.llmChain()).size() != s.llmChain().size()) {
            throw ApiProblem.invalidField("settings.llmChain", "must not name a provider twice");
        }
        for (int i = 0; i < s.llmChain().size(); i++) {
            if (!llmProviders.exists(orgId, s.llmChain().get(i))) {
                throw ApiProblem.invalidField(
                        "settings.llmChain[" + i + "]", "is not an LLM provider of this organisation");
            }
        }
        Set<String> intentNames = new HashSet<>();
        for (int i = 0; i < s.intents().size(); i++) {
            var intent = s.intents().get(i);
            String field = "settings.intents[" + i + "]";
            if (intent.name() == null
                    || intent.name().isBlank()
                    || intent.name().length() > 64) {
                throw ApiProblem.invalidField(field + ".name", "must be 1 to 64 characters");
            }
            if (!intentNames.add(intent.name())) throw ApiProblem.invalidField(field + ".name", "is used twice");
            if (intent.examples() == null
                    || intent.examples().isEmpty()
                    || intent.examples().size() > 200) {
                throw ApiProblem.invalidField(field + ".examples", "must list 1 to 200 example phrases");
            }
            if (intent.examples().stream().anyMatch(e -> e == null || e.isBlank() || e.length() > 500)) {
                throw ApiProblem.invalidField(field + ".examples", "phrases must be 1 to 500 characters");
            }
            if (intent.reply() != null && intent.reply().length() > 4000) {
                throw ApiProblem.invalidField(field + ".reply", "must be at most 4000 characters");
            }
        }
        var understanding = s.understanding();
        if (understanding.intentThreshold() != null
                && (understanding.threshold() < 0 || understanding.threshold() > 1)) {
            throw ApiProblem.invalidField("settings.understanding.intentThreshold", "must be between 0 and 1");
        }
        for (var regex : understanding.patterns().entrySet()) {
            if (regex.getValue() == null || EntityExtractor.compileOrNull(regex.getValue()) == null) {
                throw ApiProblem.invalidField(
                        "settings.understanding.regexes." + regex.getKey(), "is not a valid regular expression");
            }
        }
        var handoff = s.handoff();
        if (handoff.lowConfidence() < 0 || handoff.lowConfidence() > 1) {
            throw ApiProblem.invalidField("settings.handoff.lowConfidenceThreshold", "must be between 0 and 1");
        }
        if (handoff.failedAnswers() < 0 || handoff.failedAnswers() > 20) {
            throw ApiProblem.invalidField("settings.handoff.maxFailedAnswers", "must be between 0 (off) and 20");
        }
        if (handoff.humanRequestIntent() != null
                && !handoff.humanRequestIntent().isBlank()
                && !intentNames.contains(handoff.humanRequestIntent())) {
            throw ApiProblem.invalidField("settings.handoff.humanRequestIntent", "is not one of the agent's intents");
        }
        if (s.businessHours() != null) {
            if (s.businessHours().timezone() == null || s.businessHours().weekly() == null) {
                throw ApiProblem.invalidField("settings.businessHours", "needs a timezone and weekly ranges");
            }
            BusinessHoursCheck.problem(s.businessHours()).ifPresent(p -> {
                throw ApiProblem.invalidField(p[0], p[1]);
            });
        }
        for (var entry : s.maxReplyLength().entrySet()) {
            if (entry.getValue() == null || entry.getValue() < 20 || entry.getValue() > 10_000) {
                throw ApiProblem.invalidField(
                        "settings.maxReplyLength." + entry.getKey(), "must be between 20 and 10000");
            }
        }
        var memory = s.memory();
        if (memory.turns() < 0 || memory.turns() > 50) {
            throw ApiProblem.invalidField("settings.memory.lastTurns", "must be between 0 and 50");
        }
        if (memory.summaryEvery() < 0 || memory.summaryEvery() > 100) {
            throw ApiProblem.invalidField("settings.memory.summaryEveryTurns", "must be between 0 (off) and 100");
        }
        Map<String, Map<String, String>> secretsOut = new LinkedHashMap<>();
        List<AgentSettings.HttpTool> tools = new ArrayList<>();
        Set<String> toolNames = new HashSet<>();
        for (int i = 0; i < s.tools().size(); i++) {
            var tool = s.tools().get(i);
            String field = "settings.tools[" + i + "]";
            if (tool.name() == null || !TOOL_NAME.matcher(tool.name()).matches()) {
                throw ApiProblem.invalidField(
                        field + ".name", "must be a letter then letters, digits, _ or - (64 at most)");
            }
            if (BUILTIN_TOOL_NAMES.contains(tool.name())) {
                throw ApiProblem.invalidField(field + ".name", "is the name of a built-in tool");
            }
            if (!toolNames.add(tool.name())) throw ApiProblem.invalidField(field + ".name", "is used twice");
            if (tool.description() == null || tool.description().isBlank()) {
                throw ApiProblem.invalidField(field + ".description", "must say when the model should call the tool");
            }
            if (!METHODS.contains(tool.methodOrGet())) {
                throw ApiProblem.invalidField(field + ".method", "must be one of GET, POST, PUT, PATCH, DELETE");
            }
            checkToolUrl(field + ".url", tool.url());
            try {
                var schema = json.readTree(tool.schema());
                if (!schema.isObject()) throw new IllegalArgumentException();
            } catch (RuntimeException e) {
                throw ApiProblem.invalidField(field + ".parametersSchema", "must be a JSON Schema object");
            }
            if (tool.timeout() < 100 || tool.timeout() > 30_000) {
                throw ApiProblem.invalidField(field + ".timeoutMs", "must be between 100 and 30000");
            }
            if (tool.maxBytes() < 1 || tool.maxBytes() > 1_048_576) {
                throw ApiProblem.invalidField(field + ".maxResponseBytes", "must be between 1 and 1048576");
            }
            Map<String, String> stored = storedSecrets.getOrDefault(tool.name(), Map.of());
            Map<String, String> toolSecrets = new HashMap<>();
            List<AgentSettings.Header> headers = new ArrayList<>();
            for (int h = 0; h < tool.headerList().size(); h++) {
                var header = tool.headerList().get(h);
                String headerField = field + ".headers[" + h + "]";
                if (header.name() == null || !HEADER_NAME.matcher(header.name()).matches()) {
                    throw ApiProblem.invalidField(headerField + ".name", "is not a valid header name");
                }
                if (header.isSecret()) {
                    String value = header.value() != null && !header.value().isEmpty()
                            ? header.value()
                            : stored.get(header.name().toLowerCase(Locale.ROOT));
                    if (value == null) {
                        throw ApiProblem.invalidField(headerField + ".value", "is required for a new secret header");
                    }
                    toolSecrets.put(header.name().toLowerCase(Locale.ROOT), value);
                    headers.add(new AgentSettings.Header(header.name(), null, true, null));
                } else {
                    headers.add(new AgentSettings.Header(
                            header.name(), header.value() == null ? "" : header.value(), false, null));
                }
            }
            if (!toolSecrets.isEmpty()) secretsOut.put(tool.name(), toolSecrets);
            tools.add(new AgentSettings.HttpTool(
                    tool.name(),
                    tool.description(),
                    tool.schema(),
                    tool.methodOrGet(),
                    tool.url(),
                    headers,
                    tool.bodyTemplate(),
                    tool.timeout(),
                    tool.maxBytes()));
        }
        var normalised = new AgentSettings(
                s.instructions(),
                s.tone(),
                s.languages(),
                s.greeting(),
                s.knowledgeBaseIds(),
                s.llmChain(),
                s.intents(),
                s.understanding(),
                s.handoff(),
                s.businessHours(),
                s.messages(),
                s.maxReplyLength(),
                s.memory(),
                tools,
                s.builtinTools());
        return new Split(normalised, secretsOut);
    }

    /** The host of a tool URL is fixed (placeholders only in path and query) and must pass the SSRF check. */
    private void checkToolUrl(String field, @Nullable String url) {
        if (url == null || url.isBlank()) throw ApiProblem.invalidField(field, "is required");
        String probe = url.replaceAll("\\{\\{\\s*[A-Za-z0-9_.-]+\\s*}}", "x");
        java.net.URI uri;
        try {
            uri = new java.net.URI(probe);
        } catch (java.net.URISyntaxException e) {
            throw ApiProblem.invalidField(field, "is not a valid URL");
        }
        String authority =
                url.contains("://") ? url.substring(url.indexOf("://") + 3).split("[/?#]", 2)[0] : "";
        if (authority.contains("{{")) {
            throw ApiProblem.invalidField(field, "must not use placeholders in the host");
        }
        if (uri.getHost() == null) throw ApiProblem.invalidField(field, "must be an absolute http(s) URL");
        // a host that does not resolve yet is accepted here: it is checked again before every call
        String host = uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        boolean resolves;
        try {
            java.net.InetAddress.getAllByName(host);
            resolves = true;
        } catch (java.net.UnknownHostException e) {
            resolves = false;
        }
        if (resolves || !"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            network.check(field, probe);
        }
    }

    // ---- helpers

    private AgentSettings settings(Record r) {
        return json.readValue(r.get(Agents.SETTINGS).data(), AgentSettings.class);
    }

    private byte @Nullable [] encryptSecrets(UUID agentId, Map<String, Map<String, String>> values) {
        return values.isEmpty()
                ? null
                : secrets.encryptString("agent-tool-secrets:" + agentId, json.writeValueAsString(values));
    }

    private Map<String, Map<String, String>> decryptSecrets(UUID agentId, byte @Nullable [] ciphertext) {
        return ciphertext == null
                ? Map.of()
                : json.readValue(secrets.decryptString("agent-tool-secrets:" + agentId, ciphertext), SECRETS);
    }

    private AgentView toView(Record r) {
        UUID id = r.get(Agents.ID);
        AgentSettings stored = settings(r);
        var secretsOf = decryptSecrets(id, r.get(Agents.TOOL_SECRETS));
        // secret header values never leave the server: say only whether one is set
        var tools = stored.tools().stream()
                .map(t -> new AgentSettings.HttpTool(
                        t.name(),
                        t.description(),
                        t.parametersSchema(),
                        t.method(),
                        t.url(),
                        t.headerList().stream()
                                .map(h -> h.isSecret()
                                        ? new AgentSettings.Header(
                                                h.name(),
                                                null,
                                                true,
                                                secretsOf
                                                        .getOrDefault(t.name(), Map.of())
                                                        .containsKey(h.name().toLowerCase(Locale.ROOT)))
                                        : new AgentSettings.Header(h.name(), h.value(), false, null))
                                .toList(),
                        t.bodyTemplate(),
                        t.timeoutMs(),
                        t.maxResponseBytes()))
                .toList();
        var shown = new AgentSettings(
                stored.instructions(),
                stored.tone(),
                stored.languages(),
                stored.greeting(),
                stored.knowledgeBaseIds(),
                stored.llmChain(),
                stored.intents(),
                stored.understanding(),
                stored.handoff(),
                stored.businessHours(),
                stored.messages(),
                stored.maxReplyLength(),
                stored.memory(),
                tools,
                stored.builtinTools());
        var attached = channels.withAgent(r.get(Agents.ORG_ID), id).stream()
                .map(c -> new AttachedChannel(c.id(), c.name(), c.type(), c.enabled()))
                .toList();
        return new AgentView(
                id,
                r.get(Agents.NAME),
                shown,
                stored.llmChain().isEmpty() ? "offline" : "llm",
                attached,
                r.get(Agents.CREATED_AT),
                r.get(Agents.UPDATED_AT));
    }
}
