package io.switchboard.flows.internal;

import static io.switchboard.flows.internal.FlowTables.Jobs;
import static io.switchboard.flows.internal.FlowTables.Sessions;
import static io.switchboard.flows.internal.FlowTables.Steps;

import io.switchboard.agents.InboundHandler;
import io.switchboard.channels.ChannelDirectory;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.Conversations.SenderType;
import io.switchboard.conversations.MessageContent;
import io.switchboard.conversations.MessageReceived;
import io.switchboard.shared.TenantContext;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flows on real conversations. An inbound message continues the conversation's active session, or
 * starts the first published flow whose trigger matches; otherwise it passes to the agent. One
 * transaction per message: the session row (locked), its steps, its timers and the replies commit
 * together, so a crash before the commit replays the whole message and a redelivered event is a no-op
 * (the session remembers the last message it consumed).
 */
@Component
class FlowRuntime implements InboundHandler {

    private static final Logger log = LoggerFactory.getLogger(FlowRuntime.class);
    static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);

    private final DSLContext db;
    private final JsonMapper json;
    private final ScopedTransactions tx;
    private final Conversations conversations;
    private final ChannelDirectory channels;
    private final ContactDirectory contacts;
    private final FlowCatalog catalog;
    private final FlowWorld world;
    private final java.util.concurrent.Semaphore runs;

    FlowRuntime(
            DSLContext db,
            JsonMapper json,
            ScopedTransactions tx,
            Conversations conversations,
            ChannelDirectory channels,
            ContactDirectory contacts,
            FlowCatalog catalog,
            FlowWorld world,
            @org.springframework.beans.factory.annotation.Value("${switchboard.flows.max-concurrent-runs:6}")
                    int maxConcurrentRuns) {
        this.runs = new java.util.concurrent.Semaphore(Math.max(1, maxConcurrentRuns), true);
        this.db = db;
        this.json = json;
        this.tx = tx;
        this.conversations = conversations;
        this.channels = channels;
        this.contacts = contacts;
        this.catalog = catalog;
        this.world = world;
    }

    record Timer(String kind, int seconds, int waitSeq) {}

    @Override
    public Handled handle(MessageReceived event) {
        // an organisation that never published a flow has no sessions either (active_version is never
        // cleared, deleting a flow deletes its sessions): one cached lookup, no transaction, no queueing,
        // and the agent gets the message
        if (TenantContext.inOrg(event.orgId(), () -> catalog.active(event.orgId()))
                .isEmpty()) return Handled.PASSED;
        // a burst of inbound messages must not take every pooled connection (ingest and senders need
        // theirs): flow runs queue here, without a timeout, instead of failing in the pool after 30 s
        try {
            runs.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Handled.PASSED;
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return tx.inOrg(event.orgId(), () -> inbound(event));
                } catch (org.springframework.dao.TransientDataAccessException
                        | org.springframework.transaction.CannotCreateTransactionException e) {
                    if (attempt >= 3) throw e;
                    log.warn("Flow run of message {} retried after: {}", event.messageId(), e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            log.error("Flow runtime failed on message {}", event.messageId(), e);
            return Handled.PASSED;
        } finally {
            runs.release();
        }
    }

    private Handled inbound(MessageReceived event) {
        UUID orgId = event.orgId();
        var state = conversations.state(orgId, event.conversationId()).orElse(null);
        if (state == null || state.heldByPeople()) return Handled.PASSED; // the bot pauses while people hold it
        lock(event.conversationId());
        var message = conversations.visibleMessage(orgId, event.messageId()).orElse(null);
        if (message == null) return Handled.PASSED;
        String text = message.content().searchableText();
        String replyId = message.content() instanceof MessageContent.InteractiveReply r ? r.replyId() : null;
        Record session = activeSession(event.conversationId());
        if (session != null) {
            if (event.messageId().equals(session.get(Sessions.LAST_MESSAGE_ID))) return Handled.HANDLED; // redelivered
            FlowState s = json.readValue(session.get(Sessions.STATE).data(), FlowState.class);
            refreshContext(orgId, s, event.contactId(), event.channelId(), event.conversationId());
            run(
                    orgId,
                    session.get(Sessions.ID),
                    event.conversationId(),
                    event.contactId(),
                    event.channelId(),
                    s,
                    new FlowEngine.Input.Message(text, replyId),
                    event.messageId(),
                    false);
            return Handled.HANDLED;
        }
        var flow = trigger(orgId, event.conversationId(), text);
        if (flow == null && FlowEngine.RESTART_WORDS.contains(text.trim().toLowerCase(java.util.Locale.ROOT))) {
            flow = lastFlow(orgId, event.conversationId()); // "restart" after a stop or the end: the same flow again
        }
        if (flow == null) return Handled.PASSED;
        begin(orgId, flow, event.conversationId(), event.contactId(), event.channelId(), text, event.messageId());
        return Handled.HANDLED;
    }

    private boolean begin(
            UUID orgId,
            FlowCatalog.ActiveFlow flow,
            UUID conversationId,
            @Nullable UUID contactId,
            UUID channelId,
            @Nullable String text,
            @Nullable UUID messageId) {
        var start = flow.document().start().orElse(null);
        if (start == null) return false;
        UUID sessionId = UUID.randomUUID();
        FlowState s = FlowState.start(flow.flowId().toString(), flow.version(), start.id());
        if (text != null) s.vars.put("last_message", text);
        refreshContext(orgId, s, contactId, channelId, conversationId);
        db.insertInto(Sessions.T)
                .set(Sessions.ID, sessionId)
                .set(Sessions.ORG_ID, orgId)
                .set(Sessions.FLOW_ID, flow.flowId())
                .set(Sessions.FLOW_VERSION, flow.version())
                .set(Sessions.CONVERSATION_ID, conversationId)
                .set(Sessions.CONTACT_ID, contactId)
                .set(Sessions.STATUS, "active")
                .set(Sessions.STATE, JSONB.valueOf(json.writeValueAsString(s)))
                .execute();
        run(orgId, sessionId, conversationId, contactId, channelId, s, new FlowEngine.Input.Begin(), messageId, false);
        return true;
    }

    /**
     * The "api" trigger: starts the flow's published version in a conversation now, replacing a
     * running session. Runs in the caller's organisation scope.
     */
    UUID startByApi(UUID orgId, UUID flowId, UUID conversationId) {
        return tx.inOrg(orgId, () -> {
            var state = conversations
                    .state(orgId, conversationId)
                    .orElseThrow(() -> io.switchboard.shared.ApiProblem.notFound("Conversation " + conversationId));
            Integer version = catalog.activeVersion(orgId, flowId).orElse(null);
            var document = version == null
                    ? null
                    : catalog.document(orgId, flowId, version).orElse(null);
            if (version == null || document == null) {
                throw io.switchboard.shared.ApiProblem.conflict(
                        "flow-not-published", "Flow " + flowId + " has no published version");
            }
            lock(conversationId);
            db.update(Sessions.T)
                    .set(Sessions.STATUS, "stopped")
                    .set(Sessions.UPDATED_AT, Instant.now())
                    .where(Sessions.CONVERSATION_ID.eq(conversationId), Sessions.STATUS.eq("active"))
                    .execute();
            begin(
                    orgId,
                    new FlowCatalog.ActiveFlow(flowId, "", version, document),
                    conversationId,
                    state.contactId(),
                    state.channelId(),
                    null,
                    null);
            return db.select(Sessions.ID)
                    .from(Sessions.T)
                    .where(Sessions.CONVERSATION_ID.eq(conversationId))
                    .orderBy(Sessions.STARTED_AT.desc())
                    .limit(1)
                    .fetchSingle(r -> r.value1());
        });
    }

    private FlowCatalog.@Nullable ActiveFlow lastFlow(UUID orgId, UUID conversationId) {
        UUID flowId = db.select(Sessions.FLOW_ID)
                .from(Sessions.T)
                .where(Sessions.ORG_ID.eq(orgId), Sessions.CONVERSATION_ID.eq(conversationId))
                .orderBy(Sessions.UPDATED_AT.desc())
                .limit(1)
                .fetchOptional(r -> r.value1())
                .orElse(null);
        if (flowId == null) return null;
        return catalog.active(orgId).stream()
                .filter(f -> f.flowId().equals(flowId))
                .findFirst()
                .orElse(null);
    }

    /** A due timer (delay or reply timeout); runs inside the session's organisation transaction. */
    void fire(UUID orgId, UUID sessionId, String kind, int waitSeq) {
        Record session = db.select(Sessions.ALL)
                .from(Sessions.T)
                .where(Sessions.ORG_ID.eq(orgId), Sessions.ID.eq(sessionId))
                .fetchOne();
        if (session == null || !"active".equals(session.get(Sessions.STATUS))) return;
        UUID conversationId = session.get(Sessions.CONVERSATION_ID);
        lock(conversationId);
        session = db.select(Sessions.ALL)
                .from(Sessions.T)
                .where(Sessions.ID.eq(sessionId))
                .fetchOne();
        if (session == null || !"active".equals(session.get(Sessions.STATUS))) return;
        var state = conversations.state(orgId, conversationId).orElse(null);
        if (state == null) return;
        FlowState s = json.readValue(session.get(Sessions.STATE).data(), FlowState.class);
        if (s.waitSeq != waitSeq) return; // a reply overtook the timer
        if (state.heldByPeople()) return; // people hold the conversation: the timer lapses
        UUID contactId = session.get(Sessions.CONTACT_ID);
        refreshContext(orgId, s, contactId, state.channelId(), conversationId);
        run(
                orgId,
                sessionId,
                conversationId,
                contactId,
                state.channelId(),
                s,
                new FlowEngine.Input.Timer(kind, waitSeq),
                session.get(Sessions.LAST_MESSAGE_ID),
                true);
    }

    private void run(
            UUID orgId,
            UUID sessionId,
            UUID conversationId,
            @Nullable UUID contactId,
            UUID channelId,
            FlowState s,
            FlowEngine.Input input,
            @Nullable UUID messageId,
            boolean fromTimer) {
        List<Timer> timers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        var effects = world.effects(
                orgId, contactId, null, null, (kind, seconds, seq) -> timers.add(new Timer(kind, seconds, seq)), notes);
        var result = FlowEngine.run(effects, s, input);
        db.update(Sessions.T)
                .set(Sessions.STATE, JSONB.valueOf(json.writeValueAsString(s)))
                .set(Sessions.STATUS, s.status)
                .set(
                        Sessions.FLOW_ID,
                        UUID.fromString(
                                s.stack.isEmpty() ? s.flowId : s.stack.get(0).flowId()))
                .set(
                        Sessions.FLOW_VERSION,
                        s.stack.isEmpty() ? s.version : s.stack.get(0).version())
                .set(Sessions.LAST_MESSAGE_ID, messageId)
                .set(Sessions.UPDATED_AT, Instant.now())
                .where(Sessions.ID.eq(sessionId))
                .execute();
        if (!result.steps().isEmpty()) {
            var insert = db.insertInto(
                    Steps.T,
                    Steps.ORG_ID,
                    Steps.SESSION_ID,
                    Steps.FLOW_ID,
                    Steps.FLOW_VERSION,
                    Steps.CONVERSATION_ID,
                    Steps.NODE_ID,
                    Steps.NODE_TYPE,
                    Steps.INPUT,
                    Steps.OUTPUT,
                    Steps.VARIABLES_CHANGED,
                    Steps.AT);
            for (var step : result.steps()) {
                insert = insert.values(
                        orgId,
                        sessionId,
                        FlowWorld.uuid(step.flowId()),
                        step.version(),
                        conversationId,
                        step.nodeId(),
                        step.type(),
                        step.input(),
                        step.output(),
                        step.variablesChanged() == null
                                ? null
                                : JSONB.valueOf(json.writeValueAsString(step.variablesChanged())),
                        step.at());
            }
            insert.execute();
        }
        Instant now = Instant.now();
        for (Timer t : timers) {
            db.insertInto(Jobs.T)
                    .set(Jobs.ORG_ID, orgId)
                    .set(Jobs.SESSION_ID, sessionId)
                    .set(Jobs.KIND, t.kind())
                    .set(Jobs.WAIT_SEQ, t.waitSeq())
                    .set(Jobs.DUE_AT, now.plusSeconds(t.seconds()))
                    .execute();
        }
        send(orgId, conversationId, channelId, result.replies(), fromTimer);
        if (!notes.isEmpty()) log.info("Flow session {} notes: {}", sessionId, notes);
        if (result.budgetExceeded()) {
            conversations.addSystemNote(
                    orgId,
                    conversationId,
                    "A flow was stopped: it ran more than " + FlowEngine.STEP_BUDGET
                            + " steps without waiting for the contact.");
        }
        if (result.handoffReason() != null) conversations.handOff(orgId, conversationId, result.handoffReason());
    }

    /** Replies go out as the bot; outside WhatsApp's 24 h window only a template may go, else the flow waits. */
    private void send(
            UUID orgId, UUID conversationId, UUID channelId, List<FlowEngine.Reply> replies, boolean fromTimer) {
        if (replies.isEmpty()) return;
        boolean windowClosed = fromTimer && outsideWhatsAppWindow(orgId, conversationId, channelId);
        for (var reply : replies) {
            MessageContent content;
            if (windowClosed) {
                if (reply.template() == null) {
                    conversations.addSystemNote(
                            orgId,
                            conversationId,
                            "Flow message held back: outside WhatsApp's 24-hour"
                                    + " window and the node has no template. It waits for the contact to write.");
                    continue;
                }
                content = new MessageContent.Template(
                        reply.template().name(),
                        reply.template().language(),
                        reply.template().params());
            } else if (!reply.buttons().isEmpty()) {
                content = new MessageContent.Interactive(
                        reply.text(),
                        reply.buttons().stream()
                                .map(b -> new MessageContent.Interactive.Option(b.id(), b.title(), null))
                                .toList(),
                        reply.buttons().size() > 3 ? "Choose" : null);
            } else if (reply.mediaUrl() != null) {
                content = new MessageContent.Media(
                        "image", reply.mediaUrl(), null, reply.text().isBlank() ? null : reply.text(), null);
            } else {
                if (reply.text().isBlank()) continue;
                content = new MessageContent.Text(reply.text());
            }
            conversations.sendReply(orgId, conversationId, content, SenderType.AGENT, null);
        }
    }

    private boolean outsideWhatsAppWindow(UUID orgId, UUID conversationId, UUID channelId) {
        var channel = channels.find(orgId, channelId).orElse(null);
        if (channel == null || !channel.type().contains("whatsapp")) return false;
        Instant lastInbound = conversations.recentMessages(orgId, conversationId, 50).stream()
                .filter(m -> "inbound".equals(m.direction()))
                .map(Conversations.VisibleMessage::createdAt)
                .max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        return lastInbound.isBefore(Instant.now().minus(WHATSAPP_WINDOW));
    }

    private FlowCatalog.@Nullable ActiveFlow trigger(UUID orgId, UUID conversationId, String text) {
        List<FlowCatalog.ActiveFlow> flows = catalog.active(orgId);
        if (flows.isEmpty()) return null;
        Boolean fresh = null;
        for (var flow : flows) {
            var start = flow.document().start().orElse(null);
            if (start == null) continue;
            for (var t : start.triggers()) {
                switch (t.type()) {
                    case "keyword" -> {
                        for (String k : t.keywords()) if (Triggers.mentions(text, k)) return flow;
                    }
                    case "intent" -> {
                        if (t.intent() != null && Triggers.mentions(text, t.intent())) return flow;
                    }
                    case "new_conversation" -> {
                        if (fresh == null) {
                            fresh = conversations.recentMessages(orgId, conversationId, 3).stream()
                                            .filter(m -> "inbound".equals(m.direction()))
                                            .count()
                                    <= 1;
                        }
                        if (fresh) return flow;
                    }
                    default -> {} // campaign_reply and api start flows from elsewhere
                }
            }
        }
        return null;
    }

    private void refreshContext(
            UUID orgId, FlowState s, @Nullable UUID contactId, UUID channelId, UUID conversationId) {
        Map<String, Object> contact = new LinkedHashMap<>();
        if (contactId != null) {
            contacts.profile(orgId, contactId).ifPresent(p -> {
                contact.put("id", p.id().toString());
                if (p.name() != null) contact.put("name", p.name());
                if (p.phone() != null) contact.put("phone", p.phone());
                contact.put("tags", p.tags());
                contact.put("attributes", p.attributes());
            });
        }
        s.vars.put("contact", contact);
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("id", conversationId.toString());
        channels.find(orgId, channelId).ifPresent(c -> {
            conversation.put("channel", c.type());
            conversation.put("channelName", c.name());
        });
        s.vars.put("conversation", conversation);
    }

    private @Nullable Record activeSession(UUID conversationId) {
        return db.select(Sessions.ALL)
                .from(Sessions.T)
                .where(Sessions.CONVERSATION_ID.eq(conversationId), Sessions.STATUS.eq("active"))
                .forUpdate()
                .fetchOne();
    }

    /** One runner per conversation at a time (two nodes, a timer and a message). */
    private void lock(UUID conversationId) {
        db.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "flow:" + conversationId);
    }
}
