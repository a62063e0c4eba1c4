package io.switchboard.agents.internal;

import static io.switchboard.agents.internal.AgentTables.ConversationState;

import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.Conversations.VisibleMessage;
import io.switchboard.llm.ChatOutcome;
import io.switchboard.llm.ChatRequest;
import io.switchboard.llm.LlmGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What an agent remembers of a conversation: the last N turns come from the messages themselves;
 * older ones live on as a rolling summary (written by the LLM chain when the agent has one,
 * extractive otherwise), refreshed every N turns. Also counts failed answers in a row.
 */
@Component
class ConversationMemory {

    private final DSLContext db;
    private final Conversations conversations;
    private final ObjectProvider<LlmGateway> gateway;
    private final io.switchboard.shared.db.ScopedTransactions tx;

    ConversationMemory(
            DSLContext db,
            Conversations conversations,
            ObjectProvider<LlmGateway> gateway,
            io.switchboard.shared.db.ScopedTransactions tx) {
        this.db = db;
        this.tx = tx;
        this.conversations = conversations;
        this.gateway = gateway;
    }

    record State(@Nullable String summary, int summaryTurns, int failedInRow) {}

    State load(UUID orgId, UUID conversationId) {
        return db.select(ConversationState.SUMMARY, ConversationState.SUMMARY_TURNS, ConversationState.FAILED_IN_ROW)
                .from(ConversationState.T)
                .where(ConversationState.ORG_ID.eq(orgId), ConversationState.CONVERSATION_ID.eq(conversationId))
                .fetchOptional(r -> new State(r.value1(), r.value2(), r.value3()))
                .orElse(new State(null, 0, 0));
    }

    void setFailedInRow(UUID orgId, UUID conversationId, int failedInRow) {
        db.insertInto(ConversationState.T)
                .set(ConversationState.CONVERSATION_ID, conversationId)
                .set(ConversationState.ORG_ID, orgId)
                .set(ConversationState.FAILED_IN_ROW, failedInRow)
                .onConflict(ConversationState.CONVERSATION_ID)
                .doUpdate()
                .set(ConversationState.FAILED_IN_ROW, failedInRow)
                .set(ConversationState.UPDATED_AT, Instant.now())
                .execute();
    }

    /** History for the model: the last {@code turns} visible messages before the current one. */
    static List<ChatRequest.ChatTurn> history(List<VisibleMessage> recent, UUID currentMessageId) {
        List<ChatRequest.ChatTurn> turns = new ArrayList<>();
        for (var m : recent) {
            if (m.id().equals(currentMessageId)) continue;
            turns.add(new ChatRequest.ChatTurn(
                    "inbound".equals(m.direction()) ? ChatRequest.Speaker.USER : ChatRequest.Speaker.ASSISTANT,
                    m.content().searchableText()));
        }
        return turns;
    }

    /**
     * Refreshes the summary when {@code every} messages were added since the last one. Call outside
     * a transaction: the model may take seconds, no connection is held meanwhile.
     */
    void refreshSummaryIfDue(UUID orgId, AgentService.Agent agent, UUID conversationId, State state) {
        if (!summaryDue(orgId, agent, conversationId, state)) return;
        List<VisibleMessage> all = tx.inOrg(orgId, () -> conversations.recentMessages(orgId, conversationId, 200));
        String summary = summarise(orgId, agent, all);
        tx.inOrg(
                orgId,
                () -> db.insertInto(ConversationState.T)
                        .set(ConversationState.CONVERSATION_ID, conversationId)
                        .set(ConversationState.ORG_ID, orgId)
                        .set(ConversationState.SUMMARY, summary)
                        .set(ConversationState.SUMMARY_TURNS, all.size())
                        .onConflict(ConversationState.CONVERSATION_ID)
                        .doUpdate()
                        .set(ConversationState.SUMMARY, summary)
                        .set(ConversationState.SUMMARY_TURNS, all.size())
                        .set(ConversationState.UPDATED_AT, Instant.now())
                        .execute());
    }

    /**
     * Whether {@code every} messages were added since the last summary: reads at most
     * summaryTurns + every rows (call inside an org transaction).
     */
    boolean summaryDue(UUID orgId, AgentService.Agent agent, UUID conversationId, State state) {
        int every = agent.settings().memory().summaryEvery();
        if (every <= 0) return false;
        int wanted = state.summaryTurns() + every;
        return conversations.recentMessages(orgId, conversationId, wanted).size() >= wanted;
    }

    private String summarise(UUID orgId, AgentService.Agent agent, List<VisibleMessage> messages) {
        LlmGateway llm = gateway.getIfAvailable();
        if (llm != null && !agent.settings().llmChain().isEmpty()) {
            StringBuilder transcript = new StringBuilder();
            for (var m : messages) {
                transcript
                        .append("inbound".equals(m.direction()) ? "Customer: " : "Us: ")
                        .append(m.content().searchableText())
                        .append('\n');
            }
            var outcome = llm.chat(new ChatRequest(
                    orgId,
                    agent.settings().llmChain(),
                    "Summarise this customer conversation in at most five short sentences: who the customer is,"
                            + " what they want, what was answered and what is still open. Plain text.",
                    List.of(),
                    transcript.toString(),
                    List.of(),
                    List.of(),
                    null,
                    0,
                    Duration.ofSeconds(10),
                    null,
                    "summary"));
            if (outcome instanceof ChatOutcome.Answered answered && !answered.offline()) return answered.text();
        }
        return extractive(messages);
    }

    /** The customer's own words, most recent last: the longest of their messages, in order, up to ~600 characters. */
    static String extractive(List<VisibleMessage> messages) {
        List<VisibleMessage> fromCustomer =
                messages.stream().filter(m -> "inbound".equals(m.direction())).toList();
        List<VisibleMessage> longest = fromCustomer.stream()
                .sorted((a, b) -> b.content().searchableText().length()
                        - a.content().searchableText().length())
                .limit(5)
                .toList();
        StringBuilder out = new StringBuilder("The customer wrote: ");
        for (var m : fromCustomer) {
            if (!longest.contains(m)) continue;
            String text = m.content().searchableText().strip();
            if (out.length() + text.length() > 600) break;
            out.append('"').append(text).append("\" ");
        }
        return out.toString().strip();
    }
}
