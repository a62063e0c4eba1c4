package io.switchboard.agents.internal;

import io.switchboard.agents.InboundHandler;
import io.switchboard.billing.ContactGate;
import io.switchboard.billing.ContactPlans;
import io.switchboard.billing.Limit;
import io.switchboard.billing.QuotaDecision;
import io.switchboard.billing.Quotas;
import io.switchboard.channels.ChannelDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.Conversations.SenderType;
import io.switchboard.conversations.MessageContent;
import io.switchboard.conversations.MessageReceived;
import io.switchboard.shared.db.ScopedTransactions;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers inbound messages on channels that have an agent. Runs after the message is committed,
 * off the ingest path; no transaction is held while the model thinks. Once per inbound message:
 * the run row (unique per inbound message id) commits together with the reply.
 */
@Component
class AgentReplier {

    private static final Logger log = LoggerFactory.getLogger(AgentReplier.class);

    private final ChannelDirectory channels;
    private final Conversations conversations;
    private final AgentService agents;
    private final ReplyPipeline pipeline;
    private final AgentRuns runs;
    private final ConversationMemory memory;
    private final ScopedTransactions tx;
    private final JsonMapper json;
    private final Quotas quotas;
    private final ContactPlans contactPlans;
    private final ObjectProvider<InboundHandler> handlers;

    AgentReplier(
            ChannelDirectory channels,
            Conversations conversations,
            AgentService agents,
            ReplyPipeline pipeline,
            AgentRuns runs,
            ConversationMemory memory,
            ScopedTransactions tx,
            JsonMapper json,
            Quotas quotas,
            ContactPlans contactPlans,
            ObjectProvider<InboundHandler> handlers) {
        this.handlers = handlers;
        this.channels = channels;
        this.conversations = conversations;
        this.agents = agents;
        this.pipeline = pipeline;
        this.runs = runs;
        this.memory = memory;
        this.tx = tx;
        this.json = json;
        this.quotas = quotas;
        this.contactPlans = contactPlans;
    }

    private record Prepared(AgentService.Agent agent, ReplyPipeline.Input input, ConversationMemory.State memory) {}

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessageReceived event) {
        answer(event);
    }

    /** Answers the message unless someone else should; returns the outcome, for tests and the bench. */
    @Nullable
    String answer(MessageReceived event) {
        // flows (and any other handler) first, also on channels without an agent
        for (InboundHandler handler : handlers.orderedStream().toList()) {
            try {
                if (handler.handle(event) == InboundHandler.Handled.HANDLED)
                    return "handled-by-" + handlerName(handler);
            } catch (RuntimeException e) {
                log.warn("Inbound handler {} failed on message {}", handlerName(handler), event.messageId(), e);
            }
        }
        UUID orgId = event.orgId();
        Prepared prepared = tx.inOrg(orgId, () -> prepare(event));
        if (prepared == null) return null;
        // the contact's own plan first (rate limit, upgrade request, per-contact quota): no LLM call when it says no
        ContactGate gate = contactPlans.admit(
                orgId, event.contactId(), event.messageId(), prepared.input().text());
        if (!(gate instanceof ContactGate.Proceed)) {
            return tx.inOrg(orgId, () -> applyGate(event, prepared, gate));
        }
        // then the organisation's plan: over its AI-reply quota, no pipeline (and no LLM call) runs at all
        if (quotas.check(orgId, Limit.AI_REPLIES, 1) instanceof QuotaDecision.QuotaExceeded exceeded) {
            return tx.inOrg(orgId, () -> applyOrgQuota(event, prepared, exceeded));
        }
        ReplyPipeline.Result result = pipeline.run(prepared.input());
        String outcome = tx.inOrg(orgId, () -> apply(event, prepared, result));
        boolean summaryDue = !"duplicate".equals(outcome)
                && !"skipped".equals(outcome)
                && tx.inOrg(
                        orgId,
                        () -> memory.summaryDue(orgId, prepared.agent(), event.conversationId(), prepared.memory()));
        if (summaryDue) {
            try {
                memory.refreshSummaryIfDue(orgId, prepared.agent(), event.conversationId(), prepared.memory());
            } catch (RuntimeException e) {
                log.warn("Summary of conversation {} not refreshed: {}", event.conversationId(), e.getMessage());
            }
        }
        return outcome;
    }

    private @Nullable Prepared prepare(MessageReceived event) {
        UUID orgId = event.orgId();
        var channel = channels.find(orgId, event.channelId()).orElse(null);
        if (channel == null || channel.agentId() == null || runs.answered(event.messageId())) return null;
        UUID agentId = channel.agentId();
        var state = conversations.state(orgId, event.conversationId()).orElse(null);
        if (state == null || state.heldByPeople()) return null; // a person holds it, or a handoff waits for one
        var message = conversations.visibleMessage(orgId, event.messageId()).orElse(null);
        var agent = agents.load(orgId, agentId).orElse(null);
        if (message == null || agent == null) return null;
        String text = message.content().searchableText();
        if (text.isBlank()) return null;
        var mem = memory.load(orgId, event.conversationId());
        var recent = conversations.recentMessages(
                orgId, event.conversationId(), agent.settings().memory().turns() + 1);
        var input = new ReplyPipeline.Input(
                orgId,
                agent,
                text,
                ConversationMemory.history(recent, event.messageId()),
                mem.summary(),
                channel.type(),
                event.conversationId(),
                event.contactId(),
                event.messageId().toString(),
                mem.failedInRow(),
                "agent-reply");
        return new Prepared(agent, input, mem);
    }

    private String apply(MessageReceived event, Prepared prepared, ReplyPipeline.Result result) {
        UUID orgId = event.orgId();
        UUID conversationId = event.conversationId();
        UUID runId = UUID.randomUUID();
        var state = conversations.state(orgId, conversationId).orElse(null);
        boolean takenOver = state == null || state.heldByPeople();
        var trace = result.trace();
        if (takenOver) {
            trace = withOutcome(trace, "skipped");
        }
        if (!runs.record(runId, orgId, prepared.agent().id(), "channel", conversationId, event.messageId(), trace)) {
            return "duplicate"; // a redelivered event: the first delivery answered
        }
        conversations.setUnderstanding(orgId, event.messageId(), json.writeValueAsString(result.understanding()));
        if (takenOver) {
            return "skipped"; // a person took over while the agent was thinking: stay silent
        }
        // counted once per inbound message (the key), in the transaction that sends the reply
        if (quotas.consume(orgId, Limit.AI_REPLIES, 1, event.messageId().toString())
                instanceof QuotaDecision.QuotaExceeded exceeded) {
            return limitReached(event, prepared, runId, exceeded); // the last reply was taken while we thought
        }
        var reply = conversations.sendReply(
                orgId,
                conversationId,
                new MessageContent.Text(result.reply(), result.citations()),
                SenderType.AGENT,
                prepared.agent().id());
        runs.setReply(runId, reply.messageId());
        switch (result.kind()) {
            case HANDOFF ->
                conversations.handOff(
                        orgId, conversationId, result.handoffReason() == null ? "handoff" : result.handoffReason());
            case BLOCKED ->
                conversations.flag(
                        orgId, conversationId, result.flagReason() == null ? "moderation" : result.flagReason());
            case REPLY, FALLBACK -> {
                if (result.flagReason() != null) conversations.flag(orgId, conversationId, result.flagReason());
            }
        }
        int failed =
                result.kind() == ReplyPipeline.Kind.FALLBACK ? prepared.memory().failedInRow() + 1 : 0;
        if (failed != prepared.memory().failedInRow()) memory.setFailedInRow(orgId, conversationId, failed);
        return trace.outcome();
    }

    /** Over the organisation's quota before anything ran: the limit-reached message and a handoff. */
    private String applyOrgQuota(MessageReceived event, Prepared prepared, QuotaDecision.QuotaExceeded exceeded) {
        UUID orgId = event.orgId();
        var trace = new AgentTrace.Builder();
        trace.mode = "quota";
        trace.outcome = "quota-exceeded";
        trace.note("quota", "the organisation's " + exceeded.limit().json() + " limit is reached");
        var state = conversations.state(orgId, event.conversationId()).orElse(null);
        if (state == null || state.heldByPeople()) return "skipped";
        UUID runId = UUID.randomUUID();
        if (!runs.record(
                runId,
                orgId,
                prepared.agent().id(),
                "channel",
                event.conversationId(),
                event.messageId(),
                trace.build())) {
            return "duplicate";
        }
        return limitReached(event, prepared, runId, exceeded);
    }

    private String limitReached(
            MessageReceived event, Prepared prepared, UUID runId, QuotaDecision.QuotaExceeded exceeded) {
        var notice = conversations.sendReply(
                event.orgId(),
                event.conversationId(),
                new MessageContent.Text(prepared.agent().settings().messages().limitReachedText()),
                SenderType.AGENT,
                prepared.agent().id());
        runs.setReply(runId, notice.messageId());
        conversations.handOff(
                event.orgId(),
                event.conversationId(),
                "quota exceeded: " + exceeded.limit().json());
        return "quota-exceeded";
    }

    /** Answers for the contact's plan instead of the agent: a throttle notice, the quota message or the upgrade offer. */
    private String applyGate(MessageReceived event, Prepared prepared, ContactGate gate) {
        UUID orgId = event.orgId();
        UUID conversationId = event.conversationId();
        var trace = new AgentTrace.Builder();
        trace.mode = "contact-plan";
        String reply;
        String handoff = null;
        switch (gate) {
            case ContactGate.Throttled t -> {
                trace.outcome = "throttled";
                trace.note("contact_plan", t.reply() == null ? "rate limited (notice already sent)" : "rate limited");
                reply = t.reply();
            }
            case ContactGate.QuotaReached q -> {
                trace.outcome = "contact-quota-exceeded";
                trace.note("contact_plan", "the contact's replies for this period are used up");
                reply = q.reply();
            }
            case ContactGate.UpgradeRequested u -> {
                trace.outcome = "upgrade-offered";
                trace.note("contact_plan", "the contact asked about plans");
                reply = u.reply();
                if (u.handOff()) handoff = "the contact asked to upgrade their plan";
            }
            case ContactGate.Proceed p -> throw new IllegalStateException("nothing to apply");
        }
        UUID runId = UUID.randomUUID();
        var state = conversations.state(orgId, conversationId).orElse(null);
        if (state == null || state.heldByPeople()) {
            trace.outcome = "skipped";
            runs.record(
                    runId, orgId, prepared.agent().id(), "channel", conversationId, event.messageId(), trace.build());
            return "skipped";
        }
        String outcome = trace.outcome;
        if (!runs.record(
                runId, orgId, prepared.agent().id(), "channel", conversationId, event.messageId(), trace.build())) {
            return "duplicate";
        }
        if (reply != null) {
            var sent = conversations.sendReply(
                    orgId,
                    conversationId,
                    new MessageContent.Text(reply),
                    SenderType.AGENT,
                    prepared.agent().id());
            runs.setReply(runId, sent.messageId());
        }
        if (handoff != null) conversations.handOff(orgId, conversationId, handoff);
        return outcome;
    }

    private static String handlerName(InboundHandler handler) {
        return handler.getClass().getSimpleName();
    }

    static AgentTrace withOutcome(AgentTrace t, String outcome) {
        return new AgentTrace(
                outcome,
                t.mode(),
                t.steps(),
                t.intent(),
                t.confidence(),
                t.intentRanking(),
                t.entities(),
                t.retrieved(),
                t.retrievalConfidence(),
                t.providers(),
                t.fallbacks(),
                t.answeredBy(),
                t.inputTokens(),
                t.outputTokens(),
                t.costMicros(),
                t.toolCalls(),
                t.totalLatencyMs());
    }
}
