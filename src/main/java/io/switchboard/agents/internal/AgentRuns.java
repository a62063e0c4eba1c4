package io.switchboard.agents.internal;

import static io.switchboard.agents.internal.AgentTables.Runs;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The stored traces of agent answers. */
@Component
class AgentRuns {

    private final DSLContext db;
    private final JsonMapper json;

    AgentRuns(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    @Schema(name = "AgentRun")
    record AgentRunView(
            UUID id,
            UUID agentId,
            @Schema(description = "channel or playground") String source,
            @Nullable UUID conversationId,
            @Nullable UUID inboundMessageId,
            @Nullable UUID replyMessageId,

            @Schema(description = "replied, fallback, handoff, blocked, skipped")
            String outcome,

            int totalLatencyMs,
            AgentTrace trace,
            Instant createdAt) {}

    boolean answered(UUID inboundMessageId) {
        return db.fetchExists(Runs.T, Runs.INBOUND_MESSAGE_ID.eq(inboundMessageId));
    }

    /**
     * Records a run; for a channel message only the first one counts (a redelivered event finds the
     * row and answers false: do not reply again).
     */
    boolean record(
            UUID id,
            UUID orgId,
            UUID agentId,
            String source,
            @Nullable UUID conversationId,
            @Nullable UUID inboundMessageId,
            AgentTrace trace) {
        return db.insertInto(Runs.T)
                        .set(Runs.ID, id)
                        .set(Runs.ORG_ID, orgId)
                        .set(Runs.AGENT_ID, agentId)
                        .set(Runs.SOURCE, source)
                        .set(Runs.CONVERSATION_ID, conversationId)
                        .set(Runs.INBOUND_MESSAGE_ID, inboundMessageId)
                        .set(Runs.OUTCOME, trace.outcome())
                        .set(Runs.TRACE, JSONB.valueOf(json.writeValueAsString(trace)))
                        .set(Runs.TOTAL_LATENCY_MS, (int) Math.min(Integer.MAX_VALUE, trace.totalLatencyMs()))
                        .onConflictDoNothing()
                        .execute()
                > 0;
    }

    void setReply(UUID runId, UUID replyMessageId) {
        db.update(Runs.T)
                .set(Runs.REPLY_MESSAGE_ID, replyMessageId)
                .where(Runs.ID.eq(runId))
                .execute();
    }

    PageResponse<AgentRunView> byAgent(UUID orgId, UUID agentId, PageQuery page) {
        return Pages.fetch(
                db,
                page,
                db.select(Runs.ALL)
                        .from(Runs.T)
                        .where(Runs.ORG_ID.eq(orgId), Runs.AGENT_ID.eq(agentId))
                        .orderBy(Runs.CREATED_AT.desc(), Runs.ID),
                this::toView);
    }

    PageResponse<AgentRunView> byConversation(UUID orgId, UUID conversationId, PageQuery page) {
        return Pages.fetch(
                db,
                page,
                db.select(Runs.ALL)
                        .from(Runs.T)
                        .where(
                                Runs.ORG_ID.eq(orgId),
                                Runs.CONVERSATION_ID.eq(conversationId),
                                Runs.SOURCE.eq("channel"))
                        .orderBy(Runs.CREATED_AT.desc(), Runs.ID),
                this::toView);
    }

    private AgentRunView toView(Record r) {
        return new AgentRunView(
                r.get(Runs.ID),
                r.get(Runs.AGENT_ID),
                r.get(Runs.SOURCE),
                r.get(Runs.CONVERSATION_ID),
                r.get(Runs.INBOUND_MESSAGE_ID),
                r.get(Runs.REPLY_MESSAGE_ID),
                r.get(Runs.OUTCOME),
                r.get(Runs.TOTAL_LATENCY_MS),
                json.readValue(r.get(Runs.TRACE).data(), AgentTrace.class),
                r.get(Runs.CREATED_AT));
    }
}
