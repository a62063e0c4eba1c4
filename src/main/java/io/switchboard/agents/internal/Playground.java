package io.switchboard.agents.internal;

import static io.switchboard.agents.internal.AgentTables.PlaygroundTurns;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.channels.ChannelDirectory;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.MessageContent;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.llm.ChatRequest;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.db.ScopedTransactions;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Try an agent without a channel: the same pipeline as real messages, nothing is sent to anyone.
 * A playground session keeps its own turns; with a conversation id the agent sees that real
 * conversation's history and contact (read only: the reply is shown here, never delivered).
 */
@Service
class Playground {

    private final AgentService agents;
    private final ReplyPipeline pipeline;
    private final AgentRuns runs;
    private final Conversations conversations;
    private final ChannelDirectory channels;
    private final ConversationMemory memory;
    private final DSLContext db;
    private final ScopedTransactions tx;

    Playground(
            AgentService agents,
            ReplyPipeline pipeline,
            AgentRuns runs,
            Conversations conversations,
            ChannelDirectory channels,
            ConversationMemory memory,
            DSLContext db,
            ScopedTransactions tx) {
        this.agents = agents;
        this.pipeline = pipeline;
        this.runs = runs;
        this.conversations = conversations;
        this.channels = channels;
        this.memory = memory;
        this.db = db;
        this.tx = tx;
    }

    @Schema(name = "PlaygroundReply")
    record PlaygroundReply(
            @Schema(description = "send it back to continue the same playground session") @Nullable
            UUID sessionId,

            UUID runId,
            String reply,
            List<MessageContent.Citation> citations,

            @Schema(description = "set when the agent would hand the conversation to a person") @Nullable
            Handoff handoff,

            String outcome,
            AgentTrace trace) {}

    @Schema(name = "PlaygroundHandoff")
    record Handoff(String reason) {}

    PlaygroundReply chat(
            UUID agentId,
            String message,
            @Nullable UUID conversationId,
            @Nullable UUID sessionId,
            @Nullable String channelType) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        UUID orgId = principal.orgId();
        var agent = agents.load(orgId, agentId).orElseThrow(() -> ApiProblem.notFound("Agent " + agentId));
        int turns = agent.settings().memory().turns();
        List<ChatRequest.ChatTurn> history;
        String summary = null;
        UUID contactId = null;
        String type = channelType == null ? "webchat" : channelType;
        UUID session = null;
        if (conversationId != null) {
            var state = conversations
                    .state(orgId, conversationId)
                    .orElseThrow(() ->
                            ApiProblem.invalidField("conversationId", "is not a conversation of this organisation"));
            history = ConversationMemory.history(
                    conversations.recentMessages(orgId, conversationId, turns), new UUID(0, 0));
            summary = memory.load(orgId, conversationId).summary();
            contactId = state.contactId();
            if (channelType == null) {
                type = channels.find(orgId, state.channelId())
                        .map(ChannelDirectory.ChannelInfo::type)
                        .orElse(type);
            }
        } else {
            session = sessionId == null ? UUID.randomUUID() : sessionId;
            history = sessionTurns(orgId, agentId, session, turns);
        }
        var result = pipeline.run(new ReplyPipeline.Input(
                orgId,
                agent,
                message,
                history,
                summary,
                type,
                conversationId,
                contactId,
                "playground",
                0,
                "playground"));
        UUID runId = UUID.randomUUID();
        UUID finalSession = session;
        tx.inOrg(orgId, () -> {
            runs.record(runId, orgId, agentId, "playground", conversationId, null, result.trace());
            if (finalSession != null) {
                addTurn(orgId, agentId, finalSession, "user", message);
                addTurn(orgId, agentId, finalSession, "assistant", result.reply());
            }
            return null;
        });
        return new PlaygroundReply(
                session,
                runId,
                result.reply(),
                result.citations(),
                result.kind() == ReplyPipeline.Kind.HANDOFF
                        ? new Handoff(result.handoffReason() == null ? "handoff" : result.handoffReason())
                        : null,
                result.trace().outcome(),
                result.trace());
    }

    private List<ChatRequest.ChatTurn> sessionTurns(UUID orgId, UUID agentId, UUID session, int turns) {
        return db.select(PlaygroundTurns.SPEAKER, PlaygroundTurns.TEXT)
                .from(PlaygroundTurns.T)
                .where(
                        PlaygroundTurns.ORG_ID.eq(orgId),
                        PlaygroundTurns.AGENT_ID.eq(agentId),
                        PlaygroundTurns.SESSION_ID.eq(session))
                .orderBy(PlaygroundTurns.ID.desc())
                .limit(turns)
                .fetch(r -> new ChatRequest.ChatTurn(
                        "user".equals(r.value1()) ? ChatRequest.Speaker.USER : ChatRequest.Speaker.ASSISTANT,
                        r.value2()))
                .reversed();
    }

    private void addTurn(UUID orgId, UUID agentId, UUID session, String speaker, String text) {
        db.insertInto(PlaygroundTurns.T)
                .set(PlaygroundTurns.ORG_ID, orgId)
                .set(PlaygroundTurns.AGENT_ID, agentId)
                .set(PlaygroundTurns.SESSION_ID, session)
                .set(PlaygroundTurns.SPEAKER, speaker)
                .set(PlaygroundTurns.TEXT, text)
                .execute();
    }
}
