package io.switchboard.mcp.internal;

import static io.switchboard.mcp.internal.Schema.arrayOf;
import static io.switchboard.mcp.internal.Schema.bool;
import static io.switchboard.mcp.internal.Schema.enumOf;
import static io.switchboard.mcp.internal.Schema.integer;
import static io.switchboard.mcp.internal.Schema.number;
import static io.switchboard.mcp.internal.Schema.object;
import static io.switchboard.mcp.internal.Schema.page;
import static io.switchboard.mcp.internal.Schema.props;
import static io.switchboard.mcp.internal.Schema.string;
import static io.switchboard.mcp.internal.Schema.stringMap;
import static io.switchboard.mcp.internal.Schema.uuid;

import io.switchboard.billing.CreditBalance;
import io.switchboard.billing.Credits;
import io.switchboard.calls.CallStatus;
import io.switchboard.calls.Calls;
import io.switchboard.calls.PlaceCallCommand;
import io.switchboard.calls.PlaceCallResult;
import io.switchboard.calls.SalesScripts;
import io.switchboard.channels.ChannelDirectory;
import io.switchboard.contacts.ContactBook;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.MessageContent;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.Role;
import io.switchboard.knowledge.KnowledgeBaseCatalog;
import io.switchboard.knowledge.KnowledgeSearch;
import io.switchboard.shared.Money;
import io.switchboard.shared.PageQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tools the MCP server offers. Each one is a thin adapter over another module's public API: the
 * same rules as the HTTP API apply (moderation and credit holds for calls, the WhatsApp window for
 * messages, organisation scoping everywhere).
 */
@Component
class McpToolCatalog {

    private final Credits credits;
    private final ContactBook contactBook;
    private final ContactDirectory contacts;
    private final Conversations conversations;
    private final ChannelDirectory channels;
    private final KnowledgeSearch knowledge;
    private final KnowledgeBaseCatalog knowledgeBases;
    private final ObjectProvider<Calls> calls;
    private final ObjectProvider<SalesScripts> salesScripts;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final List<McpTool> tools;

    McpToolCatalog(
            Credits credits,
            ContactBook contactBook,
            ContactDirectory contacts,
            Conversations conversations,
            ChannelDirectory channels,
            KnowledgeSearch knowledge,
            KnowledgeBaseCatalog knowledgeBases,
            ObjectProvider<Calls> calls,
            ObjectProvider<SalesScripts> salesScripts,
            TransactionTemplate tx,
            AuditLog audit) {
        this.credits = credits;
        this.contactBook = contactBook;
        this.contacts = contacts;
        this.conversations = conversations;
        this.channels = channels;
        this.knowledge = knowledge;
        this.knowledgeBases = knowledgeBases;
        this.calls = calls;
        this.salesScripts = salesScripts;
        this.tx = tx;
        this.audit = audit;
        this.tools = List.of(
                placeCall(),
                getCall(),
                listCalls(),
                getTranscript(),
                stopCall(),
                analyzeCall(),
                estimateCallCost(),
                getCreditBalance(),
                searchContacts(),
                createContact(),
                generateSalesScript(),
                sendMessage(),
                searchKnowledge());
    }

    List<McpTool> tools() {
        return tools;
    }

    // ---- calls

    private static final String[] STATUSES =
            Arrays.stream(CallStatus.values()).map(CallStatus::json).toArray(String[]::new);

    private static Map<String, Object> callSchema() {
        return object(
                props(
                        "id", uuid("call id"),
                        "contact_id", uuid("the contact called, when known"),
                        "phone_number", string("the number dialled (E.164)"),
                        "status", enumOf("queued → ringing → in-progress → a final status", STATUSES),
                        "provider", string("bland or simulator"),
                        "task", string("what the voice agent was asked to do"),
                        "language", string("BCP-47 language"),
                        "max_duration_minutes", integer("longest the call may last"),
                        "started_at", string("when dialling started (ISO-8601)"),
                        "answered_at", string("when the call was answered"),
                        "ended_at", string("when the call ended"),
                        "duration_seconds", integer("talk time"),
                        "answered_by", string("human, voicemail or unknown"),
                        "ended_reason", string("why the call ended"),
                        "hold_minor", integer("credits held for the call (minor units)"),
                        "cost_minor", integer("what the call cost once settled (minor units)"),
                        "currency", string("ISO 4217 currency of the amounts"),
                        "summary", string("what happened, after the call"),
                        "outcome", string("interested, not-interested, callback, voicemail, no-answer or unknown"),
                        "recording_available", bool("a recording can be downloaded in the dashboard"),
                        "created_at", string("when the call was requested")),
                "id",
                "phone_number",
                "status",
                "provider",
                "currency");
    }

    private Calls calls() {
        Calls c = calls.getIfAvailable();
        if (c == null) {
            throw new ToolFailure("calls-unavailable", "Voice calls are not available on this server");
        }
        return c;
    }

    private SalesScripts salesScripts() {
        SalesScripts s = salesScripts.getIfAvailable();
        if (s == null) {
            throw new ToolFailure("sales-scripts-unavailable", "Sales scripts are not available on this server");
        }
        return s;
    }

    private McpTool placeCall() {
        return new McpTool(
                "place_call",
                "Place an AI phone call",
                "Dials a phone number (or a contact's number) with an AI voice agent that follows `task` (or a"
                        + " sales script). Costs credits: a hold of max_duration_minutes × rate is taken first and"
                        + " settled at the real duration. Moderation checks task and first sentence before dialling."
                        + " Ask the user before calling and pass confirm: true; use estimate_call_cost first to"
                        + " show what it may cost. Returns the call id, the hold and the estimated cost; follow with"
                        + " get_call and get_transcript.",
                Role.AGENT,
                false,
                true,
                object(
                        props(
                                "confirm", bool("must be true: the user agreed to dial and spend credits"),
                                "contact_id", uuid("contact to call (its phone number is used)"),
                                "phone_number",
                                        string("number to call when there is no contact: E.164 (+14155550123)", 40),
                                "task",
                                        string(
                                                "instructions for the voice agent: who it is, goal, what to say",
                                                20_000),
                                "sales_script_id", uuid("a sales script whose text becomes the task"),
                                "first_sentence", string("what the agent says first", 1_000),
                                "voice", string("provider voice name (default: the provider's)", 100),
                                "language", string("BCP-47 language, e.g. en-US (default en-US)", 20),
                                "max_duration_minutes",
                                        integer("1..60 (default 5); shortened when credits cover less", 1, 60),
                                "transfer_number", string("where the agent may transfer the call (E.164)", 40),
                                "record", bool("record the audio (default false)"),
                                "metadata", stringMap("free string pairs kept with the call"),
                                "idempotency_key",
                                        string(
                                                "a retry with the same key answers the same call instead of dialling again",
                                                200)),
                        "confirm"),
                object(
                        props(
                                "call_id", uuid("id for get_call, get_transcript, stop_call"),
                                "status", enumOf("status right after placing", STATUSES),
                                "phone_number", string("the number being dialled"),
                                "provider", string("bland or simulator (no real phone is rung)"),
                                "max_duration_minutes", integer("the call's limit after clamping"),
                                "requested_max_duration_minutes", integer("what was asked for"),
                                "clamped", bool("the limit was shortened to what the balance covers"),
                                "hold_minor", integer("credits held now (minor units)"),
                                "estimated_cost_minor", integer("the most the call can cost (minor units)"),
                                "currency", string("ISO 4217"),
                                "queued", bool("the call waits for a free slot of the plan's limits"),
                                "replayed", bool("the idempotency key had already placed this call")),
                        "call_id",
                        "status",
                        "hold_minor",
                        "estimated_cost_minor",
                        "currency"),
                call -> {
                    Calls c = calls();
                    if (!call.bool("confirm")) {
                        Integer minutes = call.optInt("max_duration_minutes", 1, 60);
                        var estimate = c.estimateCost(call.orgId(), minutes == null ? 5 : minutes);
                        throw new ToolFailure(
                                "confirmation-required",
                                "place_call dials a phone and spends credits (up to "
                                        + Money.format(estimate.estimatedCostMinor(), estimate.currency())
                                        + " for " + estimate.maxDurationMinutes()
                                        + " minutes). Ask the user, then call again with confirm: true.");
                    }
                    UUID contactId = call.optUuid("contact_id");
                    String phone = call.optString("phone_number");
                    if (contactId == null && phone == null) {
                        throw ToolFailure.invalid("phone_number", "give contact_id or phone_number");
                    }
                    var command = new PlaceCallCommand(
                            contactId,
                            phone,
                            null,
                            call.optString("task"),
                            call.optUuid("sales_script_id"),
                            call.optString("first_sentence"),
                            call.optString("voice"),
                            call.optString("language"),
                            call.optInt("max_duration_minutes", 1, 60),
                            call.optString("transfer_number"),
                            call.bool("record"),
                            withSource(call.optStringMap("metadata")),
                            null,
                            call.optString("idempotency_key"));
                    return switch (c.placeCall(call.orgId(), command)) {
                        case PlaceCallResult.Placed placed -> {
                            audit.record(
                                    "mcp.call_placed",
                                    "call",
                                    placed.call().id().toString(),
                                    Map.of("holdMinor", placed.holdMinor(), "replayed", placed.replayed()));
                            yield new PlacedCall(
                                    placed.call().id(),
                                    placed.call().status(),
                                    placed.call().phoneNumber(),
                                    placed.call().provider(),
                                    placed.call().maxDurationMinutes(),
                                    placed.requestedMaxDurationMinutes(),
                                    placed.clamped(),
                                    placed.holdMinor(),
                                    placed.estimatedCostMinor(),
                                    placed.currency(),
                                    placed.queued(),
                                    placed.replayed());
                        }
                        case PlaceCallResult.Refused refused -> throw McpToolErrors.fromProblem(refused.toProblem());
                    };
                });
    }

    record PlacedCall(
            UUID callId,
            CallStatus status,
            String phoneNumber,
            String provider,
            int maxDurationMinutes,
            int requestedMaxDurationMinutes,
            boolean clamped,
            long holdMinor,
            long estimatedCostMinor,
            String currency,
            boolean queued,
            boolean replayed) {}

    /** Calls placed by an assistant say so, for the call log. */
    private static Map<String, String> withSource(@Nullable Map<String, String> metadata) {
        var out = new LinkedHashMap<String, String>(metadata == null ? Map.of() : metadata);
        out.putIfAbsent("placed_via", "mcp");
        return out;
    }

    private McpTool getCall() {
        return new McpTool(
                "get_call",
                "Get a call",
                "Status (queued, ringing, in-progress, completed, failed, no-answer, busy, cancelled), duration,"
                        + " cost, who answered, summary and outcome of one call.",
                Role.VIEWER,
                true,
                false,
                object(props("call_id", uuid("the call's id")), "call_id"),
                callSchema(),
                call -> calls().get(call.orgId(), call.uuid("call_id")).orElseThrow(() -> notFound("call", call)));
    }

    private McpTool listCalls() {
        var p = new ArrayList<Object>(List.of(
                "status", enumOf("only calls with this status", STATUSES),
                "contact_id", uuid("only calls to this contact"),
                "phone_number", string("only calls to this number (E.164)", 40)));
        p.addAll(Schema.pageProps());
        return new McpTool(
                "list_calls",
                "List calls",
                "The organisation's calls, newest first, with filters and paging.",
                Role.VIEWER,
                true,
                false,
                object(props(p.toArray())),
                page(callSchema()),
                call -> {
                    String status = call.optString("status");
                    CallStatus s;
                    try {
                        s = status == null ? null : CallStatus.fromJson(status);
                    } catch (IllegalArgumentException e) {
                        throw ToolFailure.invalid("status", "must be one of " + String.join(", ", STATUSES));
                    }
                    var filter = new Calls.CallFilter(
                            s, call.optUuid("contact_id"), call.optString("phone_number"), null, null);
                    return calls().list(call.orgId(), filter, pageOf(call));
                });
    }

    private McpTool getTranscript() {
        return new McpTool(
                "get_transcript",
                "Get a call's transcript",
                "The turns of a call (speaker agent or user, text, seconds since answer) and the whole text; on a"
                        + " live call the turns so far (complete is false until it ends).",
                Role.VIEWER,
                true,
                false,
                object(props("call_id", uuid("the call's id")), "call_id"),
                object(
                        props(
                                "call_id", uuid("the call"),
                                "status", enumOf("the call's status", STATUSES),
                                "turns",
                                        arrayOf(
                                                object(
                                                        props(
                                                                "index", integer("0-based turn number"),
                                                                "speaker", enumOf("who spoke", "agent", "user"),
                                                                "text", string("what was said"),
                                                                "at_seconds",
                                                                        number("seconds since the call was answered")),
                                                        "index",
                                                        "speaker",
                                                        "text"),
                                                "oldest first"),
                                "text", string("all turns as 'agent: …\\nuser: …'"),
                                "complete", bool("the call has ended; no more turns will come")),
                        "call_id",
                        "status",
                        "turns",
                        "text",
                        "complete"),
                call -> calls().transcript(call.orgId(), call.uuid("call_id"))
                        .orElseThrow(() -> notFound("call", call)));
    }

    private McpTool stopCall() {
        return new McpTool(
                "stop_call",
                "Stop a call",
                "Hangs up a live call or cancels a queued one; a finished call is answered as it is.",
                Role.AGENT,
                false,
                false,
                object(props("call_id", uuid("the call's id")), "call_id"),
                callSchema(),
                call -> {
                    var view =
                            calls().stop(call.orgId(), call.uuid("call_id")).orElseThrow(() -> notFound("call", call));
                    audit.record("mcp.call_stopped", "call", view.id().toString(), Map.of());
                    return view;
                });
    }

    private McpTool analyzeCall() {
        return new McpTool(
                "analyze_call",
                "Analyse a call",
                "Summary, outcome (interested, not-interested, callback, voicemail, ...) and extracted fields of a"
                        + " finished call; with `questions`, one answer per question from the transcript.",
                Role.AGENT,
                true,
                false,
                object(
                        props(
                                "call_id", uuid("the call's id"),
                                "questions", arrayOf(string("a question about the call", 500), "questions to answer")),
                        "call_id"),
                object(
                        props(
                                "call_id", uuid("the call"),
                                "summary", string("what happened"),
                                "outcome",
                                        string("interested, not-interested, callback, voicemail, no-answer or unknown"),
                                "fields", stringMap("extracted values (email, callback time, budget, ...)"),
                                "answers", arrayOf(string("answer"), "one answer per question, in order"),
                                "source", string("llm, offline or bland")),
                        "call_id",
                        "summary",
                        "outcome"),
                call -> {
                    List<String> questions = call.optStrings("questions");
                    if (questions != null && questions.size() > 20) {
                        throw ToolFailure.invalid("questions", "at most 20");
                    }
                    return calls().analyze(
                                    call.orgId(), call.uuid("call_id"), questions == null ? List.of() : questions)
                            .orElseThrow(() -> notFound("call", call));
                });
    }

    private McpTool estimateCallCost() {
        return new McpTool(
                "estimate_call_cost",
                "Estimate a call's cost",
                "What a call of max_duration_minutes would hold (its most expensive case), the rate per minute and"
                        + " whether the available credits cover it.",
                Role.VIEWER,
                true,
                false,
                object(props("max_duration_minutes", integer("1..60 (default 5)", 1, 60))),
                object(
                        props(
                                "provider", string("bland or simulator"),
                                "max_duration_minutes", integer("the duration estimated"),
                                "rate_per_minute_minor", integer("rate per minute (minor units)"),
                                "estimated_cost_minor", integer("the hold a call would take (minor units)"),
                                "available_minor", integer("credits available now (minor units)"),
                                "currency", string("ISO 4217"),
                                "covered_minutes", integer("minutes the available credits cover"),
                                "affordable", bool("the credits cover the whole duration")),
                        "provider",
                        "estimated_cost_minor",
                        "available_minor",
                        "currency",
                        "affordable"),
                call -> {
                    Integer minutes = call.optInt("max_duration_minutes", 1, 60);
                    return calls().estimateCost(call.orgId(), minutes == null ? 5 : minutes);
                });
    }

    // ---- credits

    private McpTool getCreditBalance() {
        return new McpTool(
                "get_credit_balance",
                "Get the credit balance",
                "The organisation's prepaid credits: available (what new calls may hold), held by calls in progress,"
                        + " and the total, in minor units of the currency and as a decimal amount.",
                Role.VIEWER,
                true,
                false,
                object(props()),
                object(
                        props(
                                "balance_minor", integer("available + held (minor units)"),
                                "available_minor", integer("what new work may reserve (minor units)"),
                                "held_minor", integer("reserved by work in progress (minor units)"),
                                "currency", string("ISO 4217"),
                                "available", string("available as a decimal amount, e.g. 12.50")),
                        "balance_minor",
                        "available_minor",
                        "held_minor",
                        "currency",
                        "available"),
                call -> {
                    CreditBalance b = credits.balance(call.orgId());
                    return new Balance(
                            b.balanceMinor(),
                            b.availableMinor(),
                            b.heldMinor(),
                            b.currency(),
                            Money.decimal(b.availableMinor(), b.currency()));
                });
    }

    record Balance(long balanceMinor, long availableMinor, long heldMinor, String currency, String available) {}

    // ---- contacts

    private static Map<String, Object> contactSchema() {
        return object(
                props(
                        "id", uuid("contact id"),
                        "name", string("name"),
                        "phone", string("E.164 phone"),
                        "email", string("email"),
                        "country_code", string("ISO 3166 country"),
                        "tags", arrayOf(string("tag"), "tags"),
                        "opted_out", bool("asked not to be contacted: no calls or messages"),
                        "created_at", string("when created (ISO-8601)")),
                "id",
                "tags",
                "opted_out");
    }

    private McpTool searchContacts() {
        var p = new ArrayList<Object>(
                List.of("query", string("part of a name, phone number or email (blank = all)", 200)));
        p.addAll(Schema.pageProps());
        return new McpTool(
                "search_contacts",
                "Search contacts",
                "Finds contacts by name, phone or email, newest first. Contact ids feed place_call, send_message and"
                        + " generate_sales_script.",
                Role.VIEWER,
                true,
                false,
                object(props(p.toArray())),
                page(contactSchema()),
                call -> contactBook.search(call.optString("query"), pageOf(call)));
    }

    private McpTool createContact() {
        return new McpTool(
                "create_contact",
                "Create a contact",
                "Adds a contact. A phone without + is read in country_code's format (default IN); a number another"
                        + " contact already has is refused.",
                Role.AGENT,
                false,
                false,
                object(props(
                        "name", string("full name", 200),
                        "phone", string("phone, E.164 or national with country_code", 40),
                        "email", string("email", 254),
                        "country_code", string("ISO 3166 two-letter country (default IN)", 2),
                        "tags", arrayOf(string("tag", 64), "tags"),
                        "notes", string("free notes", 5000))),
                contactSchema(),
                call -> contactBook.create(new ContactBook.NewContact(
                        call.optString("name"),
                        call.optString("phone"),
                        call.optString("email"),
                        call.optString("country_code"),
                        call.optStrings("tags"),
                        call.optString("notes"))));
    }

    // ---- sales scripts

    private McpTool generateSalesScript() {
        return new McpTool(
                "generate_sales_script",
                "Generate a sales call script",
                "Writes a call script for one contact from their conversation history and topics (with the"
                        + " organisation's LLM chain, or a structured template offline). Use its text as place_call's"
                        + " task, or pass sales_script_id.",
                Role.AGENT,
                false,
                false,
                object(
                        props(
                                "contact_id", uuid("whose history and topics the script uses"),
                                "product", string("what is being sold", 500),
                                "goal", string("what the call should achieve (book a demo, renew, ...)", 500),
                                "tone", string("friendly, formal, ... (default friendly)", 50),
                                "topics", arrayOf(string("topic", 200), "extra topics to cover"),
                                "notes", string("free notes, e.g. a pasted conversation history", 10_000)),
                        "contact_id",
                        "product",
                        "goal"),
                object(
                        props(
                                "id", uuid("sales script id (place_call's sales_script_id)"),
                                "contact_id", uuid("the contact"),
                                "product", string("product"),
                                "goal", string("goal"),
                                "tone", string("tone"),
                                "version", integer("latest version"),
                                "text", string("the script"),
                                "first_sentence", string("suggested opening line"),
                                "source", string("llm or template")),
                        "id",
                        "contact_id",
                        "text",
                        "first_sentence",
                        "source"),
                call -> salesScripts()
                        .generate(
                                call.orgId(),
                                new SalesScripts.GenerateScriptCommand(
                                        call.uuid("contact_id"),
                                        call.string("product"),
                                        call.string("goal"),
                                        call.optString("tone"),
                                        call.optStrings("topics"),
                                        call.optString("notes"))));
    }

    // ---- messages

    private McpTool sendMessage() {
        return new McpTool(
                "send_message",
                "Send a message",
                "Sends a text (or an approved WhatsApp template) to a contact on one channel (WhatsApp, SMS, web chat,"
                        + " sandbox). WhatsApp allows free text only within 24 hours of the contact's last message;"
                        + " outside it send a template. Opted-out contacts are refused.",
                Role.AGENT,
                false,
                true,
                object(
                        props(
                                "contact_id", uuid("the recipient"),
                                "channel_id", uuid("the channel to send on (see the dashboard's Channels page)"),
                                "text", string("the message text", 4096),
                                "template",
                                        object(
                                                props(
                                                        "name", string("approved template name", 512),
                                                        "language", string("template language, e.g. en_US", 20),
                                                        "parameters",
                                                                arrayOf(
                                                                        string("value", 1024),
                                                                        "body parameters, in order")),
                                                "name",
                                                "language")),
                        "contact_id",
                        "channel_id"),
                object(
                        props(
                                "message_id", uuid("the queued message"),
                                "conversation_id", uuid("the conversation it belongs to"),
                                "contact_id", uuid("recipient"),
                                "channel_id", uuid("channel"),
                                "new_conversation", bool("a conversation was started"),
                                "status", string("queued: the channel delivers it; status updates show in the inbox")),
                        "message_id",
                        "conversation_id",
                        "status"),
                this::send);
    }

    private Object send(ToolCall call) {
        UUID contactId = call.uuid("contact_id");
        UUID channelId = call.uuid("channel_id");
        String text = call.optString("text");
        Map<String, Object> template = call.optObject("template");
        if ((text == null) == (template == null)) {
            throw ToolFailure.invalid("text", "give either text or template");
        }
        MessageContent content;
        if (text != null) {
            if (text.length() > 4096) throw ToolFailure.invalid("text", "at most 4096 characters");
            content = new MessageContent.Text(text);
        } else {
            var t = new ToolCall(call.tool(), template, call.principal());
            List<String> parameters = t.optStrings("parameters");
            content = new MessageContent.Template(
                    t.string("name"), t.string("language"), parameters == null ? List.of() : parameters);
        }
        var contact = contacts.find(call.orgId(), contactId).orElseThrow(() -> notFound("contact", call));
        if (contact.optedOut()) {
            throw new ToolFailure("contact-opted-out", "The contact opted out of messages; nothing was sent");
        }
        channels.find(call.orgId(), channelId).orElseThrow(() -> notFound("channel", call));
        var recorded = tx.execute(status -> {
            UUID conversationId = conversations.conversationFor(call.orgId(), channelId, contactId);
            return conversations.sendReply(
                    call.orgId(),
                    conversationId,
                    content,
                    Conversations.SenderType.USER,
                    call.principal().userId());
        });
        audit.record("mcp.message_sent", "message", recorded.messageId().toString(), Map.of("channelId", channelId));
        return new SentMessage(
                recorded.messageId(),
                recorded.conversationId(),
                recorded.contactId(),
                recorded.channelId(),
                recorded.newConversation(),
                "queued");
    }

    record SentMessage(
            UUID messageId,
            UUID conversationId,
            UUID contactId,
            UUID channelId,
            boolean newConversation,
            String status) {}

    // ---- knowledge

    private McpTool searchKnowledge() {
        return new McpTool(
                "search_knowledge",
                "Search the knowledge base",
                "Hybrid (keyword + semantic) search over the organisation's knowledge bases; answers the best"
                        + " passages with their document and section for citing.",
                Role.VIEWER,
                true,
                false,
                object(
                        props(
                                "query", string("what to look for", 1000),
                                "knowledge_base_ids", arrayOf(uuid("knowledge base"), "limit to these (default: all)"),
                                "k", integer("how many passages, 1..20 (default 5)", 1, 20)),
                        "query"),
                object(
                        props(
                                "hits",
                                arrayOf(
                                        object(
                                                props(
                                                        "text", string("the passage"),
                                                        "context", string("the section around it"),
                                                        "document_title", string("document"),
                                                        "section", string("section heading"),
                                                        "source_url", string("where the document came from"),
                                                        "knowledge_base_id", uuid("knowledge base"),
                                                        "document_id", uuid("document"),
                                                        "score", number("fused relevance score")),
                                                "text",
                                                "document_title",
                                                "knowledge_base_id",
                                                "score"),
                                        "best first")),
                        "hits"),
                call -> {
                    String query = call.string("query");
                    Integer k = call.optInt("k", 1, 20);
                    List<String> ids = call.optStrings("knowledge_base_ids");
                    List<UUID> bases;
                    if (ids == null || ids.isEmpty()) {
                        bases = knowledgeBases.list(call.orgId()).stream()
                                .map(KnowledgeBaseCatalog.KnowledgeBaseRef::id)
                                .toList();
                    } else {
                        bases = new ArrayList<>();
                        for (String id : ids) {
                            UUID kb;
                            try {
                                kb = UUID.fromString(id);
                            } catch (IllegalArgumentException e) {
                                throw ToolFailure.invalid("knowledge_base_ids", "'" + id + "' is not an id");
                            }
                            if (!knowledge.exists(call.orgId(), kb)) {
                                throw new ToolFailure("not-found", "Knowledge base " + kb + " was not found");
                            }
                            bases.add(kb);
                        }
                    }
                    var hits = knowledge.search(call.orgId(), bases, query, k == null ? 5 : k).stream()
                            .map(h -> new Hit(
                                    h.text(),
                                    h.context(),
                                    h.documentTitle(),
                                    h.section(),
                                    h.sourceUrl(),
                                    h.knowledgeBaseId(),
                                    h.documentId(),
                                    h.score()))
                            .toList();
                    return Map.of("hits", hits);
                });
    }

    record Hit(
            String text,
            String context,
            String documentTitle,
            @Nullable String section,
            @Nullable String sourceUrl,
            UUID knowledgeBaseId,
            UUID documentId,
            double score) {}

    // ---- helpers

    private static PageQuery pageOf(ToolCall call) {
        return new PageQuery(call.optInt("page", 0, 10_000), call.optInt("size", 1, 100));
    }

    private static ToolFailure notFound(String what, ToolCall call) {
        String id = String.valueOf(call.arguments().get(what + "_id"));
        return new ToolFailure("not-found", "No " + what + " " + id + " in this organisation");
    }
}
