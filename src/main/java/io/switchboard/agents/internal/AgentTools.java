package io.switchboard.agents.internal;

import static io.switchboard.agents.internal.AgentTables.Callbacks;

import io.switchboard.contacts.ContactDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.knowledge.KnowledgeSearch;
import io.switchboard.llm.ChatRequest;
import io.switchboard.shared.db.ScopedTransactions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools an agent's model may call: the agent's HTTP tools (templated requests, SSRF-checked,
 * with a timeout and a response cap) and the built-ins (look up the contact, search the knowledge
 * base, hand off to a person, book a callback).
 */
@Component
class AgentTools {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private final JsonMapper json;
    private final ToolNetworkPolicy network;
    private final ContactDirectory contacts;
    private final Conversations conversations;
    private final ObjectProvider<KnowledgeSearch> knowledge;
    private final DSLContext db;
    private final ScopedTransactions tx;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect could point anywhere: no SSRF by 302
            .build();

    AgentTools(
            JsonMapper json,
            ToolNetworkPolicy network,
            ContactDirectory contacts,
            Conversations conversations,
            ObjectProvider<KnowledgeSearch> knowledge,
            DSLContext db,
            ScopedTransactions tx,
            ObjectProvider<Clock> clock) {
        this.json = json;
        this.network = network;
        this.contacts = contacts;
        this.conversations = conversations;
        this.knowledge = knowledge;
        this.db = db;
        this.tx = tx;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Where a tool call happens: what the built-ins may touch, and what they asked for. */
    static final class Context {
        final UUID orgId;
        final AgentService.Agent agent;
        final @Nullable UUID conversationId;
        final @Nullable UUID contactId;

        @Nullable
        String handoffReason;

        final List<String> notes = new ArrayList<>();

        Context(UUID orgId, AgentService.Agent agent, @Nullable UUID conversationId, @Nullable UUID contactId) {
            this.orgId = orgId;
            this.agent = agent;
            this.conversationId = conversationId;
            this.contactId = contactId;
        }
    }

    List<ChatRequest.ToolSpec> specs(AgentSettings settings) {
        List<ChatRequest.ToolSpec> specs = new ArrayList<>();
        var builtins = settings.builtinTools();
        if (builtins.on(builtins.lookupContact())) {
            specs.add(new ChatRequest.ToolSpec(
                    "lookup_contact",
                    "Look up the customer you are talking to: name, phone, whether they opted out.",
                    "{\"type\":\"object\",\"properties\":{}}"));
        }
        if (builtins.on(builtins.searchKnowledge())
                && !settings.knowledgeBaseIds().isEmpty()) {
            specs.add(new ChatRequest.ToolSpec(
                    "search_knowledge",
                    "Search the knowledge base for passages about a question.",
                    "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},\"required\":[\"query\"]}"));
        }
        if (builtins.on(builtins.handoff())) {
            specs.add(
                    new ChatRequest.ToolSpec(
                            "handoff_to_human",
                            "Hand the conversation to a person when you cannot help or the customer asks for one.",
                            "{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\"}},\"required\":[\"reason\"]}"));
        }
        if (builtins.on(builtins.bookCallback())) {
            specs.add(
                    new ChatRequest.ToolSpec(
                            "book_callback",
                            "Book a phone callback for the customer at the time they asked for.",
                            "{\"type\":\"object\",\"properties\":{\"when\":{\"type\":\"string\",\"description\":\"e.g. tomorrow at 5pm or an ISO date-time\"},"
                                    + "\"phone\":{\"type\":\"string\"},\"note\":{\"type\":\"string\"}},\"required\":[\"when\"]}"));
        }
        for (var tool : settings.tools()) {
            specs.add(new ChatRequest.ToolSpec(tool.name(), tool.description(), tool.schema()));
        }
        return specs;
    }

    String execute(Context context, String name, String argumentsJson) {
        Map<String, String> args = arguments(argumentsJson);
        try {
            return switch (name) {
                case "lookup_contact" -> lookupContact(context);
                case "search_knowledge" -> searchKnowledge(context, args.getOrDefault("query", ""));
                case "handoff_to_human" -> {
                    context.handoffReason =
                            "the agent asked for a person: " + args.getOrDefault("reason", "no reason given");
                    yield "A person will take over this conversation.";
                }
                case "book_callback" -> bookCallback(context, args);
                default ->
                    context.agent.settings().tools().stream()
                            .filter(t -> t.name().equals(name))
                            .findFirst()
                            .map(tool -> callHttp(context, tool, args))
                            .orElse("error: no tool named " + name);
            };
        } catch (RuntimeException e) {
            return "error: " + e.getMessage();
        }
    }

    private String lookupContact(Context context) {
        if (context.contactId == null) return "No contact: this is a playground conversation.";
        return contacts.find(context.orgId, context.contactId)
                .map(c -> json.writeValueAsString(Map.of(
                        "name",
                        String.valueOf(c.name()),
                        "phone",
                        String.valueOf(c.phone()),
                        "optedOut",
                        c.optedOut())))
                .orElse("The contact was not found.");
    }

    private String searchKnowledge(Context context, String query) {
        KnowledgeSearch search = knowledge.getIfAvailable();
        if (search == null || query.isBlank()) return "No results.";
        var hits = search.search(context.orgId, context.agent.settings().knowledgeBaseIds(), query, 3);
        if (hits.isEmpty()) return "No results.";
        StringBuilder out = new StringBuilder();
        for (var hit : hits) {
            out.append("[").append(hit.documentTitle());
            if (hit.section() != null) out.append(" / ").append(hit.section());
            out.append("] ").append(hit.text()).append("\n");
        }
        return out.toString();
    }

    private String bookCallback(Context context, Map<String, String> args) {
        String when = args.getOrDefault("when", "");
        ZoneId zone = context.agent.settings().businessHours() != null
                ? ZoneId.of(context.agent.settings().businessHours().timezone())
                : ZoneId.of("UTC");
        Instant at = parseWhen(when, zone);
        String phone = args.get("phone");
        if (phone == null && context.contactId != null) {
            phone = contacts.find(context.orgId, context.contactId)
                    .map(c -> c.phone())
                    .orElse(null);
        }
        String note = args.getOrDefault("note", "");
        UUID id = UUID.randomUUID();
        String finalPhone = phone;
        tx.inOrg(context.orgId, () -> {
            db.insertInto(Callbacks.T)
                    .set(Callbacks.ID, id)
                    .set(Callbacks.ORG_ID, context.orgId)
                    .set(Callbacks.AGENT_ID, context.agent.id())
                    .set(Callbacks.CONVERSATION_ID, context.conversationId)
                    .set(Callbacks.CONTACT_ID, context.contactId)
                    .set(Callbacks.PHONE, finalPhone)
                    .set(Callbacks.REQUESTED_FOR, at)
                    .set(Callbacks.NOTE, note)
                    .execute();
            if (context.conversationId != null) {
                conversations.addSystemNote(
                        context.orgId,
                        context.conversationId,
                        "Callback requested for "
                                + (at == null
                                        ? "\"" + when + "\""
                                        : at.atZone(zone).toString())
                                + (finalPhone == null ? "" : " at " + finalPhone)
                                + (note.isBlank() ? "" : ": " + note));
            }
            return null;
        });
        context.notes.add("callback " + id);
        return "Callback booked"
                + (at == null
                        ? " (time to confirm: " + when + ")"
                        : " for " + at.atZone(zone).toOffsetDateTime()) + ".";
    }

    private @Nullable Instant parseWhen(String when, ZoneId zone) {
        try {
            return OffsetDateTime.parse(when).toInstant();
        } catch (RuntimeException ignored) {
            // natural language below
        }
        var found = new EntityExtractor(clock).extract(when, zone, Map.of(), Map.of());
        for (Entity e : found) {
            if (e.type().equals("datetime"))
                return OffsetDateTime.parse(e.value()).toInstant();
            if (e.type().equals("date"))
                return java.time.LocalDate.parse(e.value())
                        .atTime(9, 0)
                        .atZone(zone)
                        .toInstant();
        }
        return null;
    }

    private String callHttp(Context context, AgentSettings.HttpTool tool, Map<String, String> args) {
        String url = fill(tool.url(), args, v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
        try {
            network.check("url", url); // again at call time: DNS may have changed since the agent was saved
        } catch (io.switchboard.shared.ApiProblem refused) {
            return "error: " + refused.getMessage();
        }
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(tool.timeout()));
        Map<String, String> secrets = context.agent.toolSecrets().getOrDefault(tool.name(), Map.of());
        for (var header : tool.headerList()) {
            String value = header.isSecret()
                    ? secrets.getOrDefault(header.name().toLowerCase(Locale.ROOT), "")
                    : fill(header.value() == null ? "" : header.value(), args, v -> v.replaceAll("[\\r\\n]", " "));
            request.header(header.name(), value);
        }
        String body = tool.bodyTemplate() == null ? null : fill(tool.bodyTemplate(), args, AgentTools::jsonEscape);
        request.method(
                tool.methodOrGet(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && tool.headerList().stream().noneMatch(h -> h.name().equalsIgnoreCase("content-type"))) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(tool.maxBytes());
                boolean truncated = in.read() != -1;
                return "HTTP " + response.statusCode() + "\n" + new String(bytes, StandardCharsets.UTF_8)
                        + (truncated ? "\n[truncated]" : "");
            }
        } catch (java.net.http.HttpTimeoutException e) {
            return "error: the tool did not answer within " + tool.timeout() + " ms";
        } catch (IOException e) {
            return "error: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error: interrupted";
        }
    }

    static String fill(String template, Map<String, String> args, java.util.function.UnaryOperator<String> encode) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(encode.apply(args.getOrDefault(m.group(1), ""))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }

    private Map<String, String> arguments(String argumentsJson) {
        Map<String, String> args = new LinkedHashMap<>();
        try {
            JsonNode node = json.readTree(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson);
            for (var entry : node.properties()) {
                args.put(
                        entry.getKey(),
                        entry.getValue().isValueNode()
                                ? entry.getValue().asString()
                                : entry.getValue().toString());
            }
        } catch (RuntimeException ignored) {
            // a model sent broken JSON: call with no arguments, the tool answers what is missing
        }
        return args;
    }
}
