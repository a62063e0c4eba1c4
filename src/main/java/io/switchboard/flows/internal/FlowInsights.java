package io.switchboard.flows.internal;

import static io.switchboard.flows.internal.FlowTables.Flows;
import static io.switchboard.flows.internal.FlowTables.Sessions;
import static io.switchboard.flows.internal.FlowTables.Steps;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.identity.CurrentPrincipal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Read side: per-node analytics of a flow and the step timeline of a conversation. */
@Component
class FlowInsights {

    private final DSLContext db;
    private final JsonMapper json;
    private final FlowService flows;

    FlowInsights(DSLContext db, JsonMapper json, FlowService flows) {
        this.db = db;
        this.json = json;
        this.flows = flows;
    }

    @Schema(name = "FlowNodeAnalytics")
    record NodeStats(
            String nodeId,

            @Schema(description = "sessions that reached the node")
            long entered,

            @Schema(description = "sessions whose last step was this node and that never completed")
            long dropOff) {}

    @Schema(name = "FlowAnalytics")
    record Analytics(long entries, long completions, long handoffs, List<NodeStats> nodes) {}

    @Schema(name = "FlowStepEntry")
    record StepEntry(
            UUID flowId,
            String flowName,
            int flowVersion,
            String nodeId,
            String type,
            @Nullable String input,
            @Nullable String output,
            @Nullable Map<String, Object> variablesChanged,
            Instant at) {}

    Analytics analytics(UUID flowId, @Nullable Instant from, @Nullable Instant to) {
        UUID orgId = CurrentPrincipal.get().orgId();
        flows.row(orgId, flowId);
        Condition sessions = Sessions.ORG_ID.eq(orgId).and(Sessions.FLOW_ID.eq(flowId));
        if (from != null) sessions = sessions.and(Sessions.STARTED_AT.ge(from));
        if (to != null) sessions = sessions.and(Sessions.STARTED_AT.lt(to));
        var totals = db.select(
                        DSL.count(),
                        DSL.count().filterWhere(Sessions.STATUS.eq("completed")),
                        DSL.count().filterWhere(Sessions.STATUS.eq("handoff")))
                .from(Sessions.T)
                .where(sessions)
                .fetchOne();
        var inRange = DSL.select(Sessions.ID).from(Sessions.T).where(sessions);
        // entered: distinct sessions with a step at the node (of this flow, not of its sub-flows)
        var entered = db.select(Steps.NODE_ID, DSL.countDistinct(Steps.SESSION_ID))
                .from(Steps.T)
                .where(Steps.ORG_ID.eq(orgId), Steps.FLOW_ID.eq(flowId), Steps.SESSION_ID.in(inRange))
                .groupBy(Steps.NODE_ID)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue());
        // drop-off: the last step of a session that did not complete
        var last = DSL.select(Steps.SESSION_ID, DSL.max(Steps.ID).as("last_id"))
                .from(Steps.T)
                .where(Steps.ORG_ID.eq(orgId), Steps.SESSION_ID.in(inRange))
                .groupBy(Steps.SESSION_ID)
                .asTable("last");
        var dropped = db.select(Steps.NODE_ID, DSL.count())
                .from(Steps.T)
                .join(last)
                .on(Steps.ID.eq(last.field("last_id", Long.class)))
                .join(Sessions.T)
                .on(Sessions.ID.eq(Steps.SESSION_ID))
                .where(Steps.ORG_ID.eq(orgId), Steps.FLOW_ID.eq(flowId), Sessions.STATUS.ne("completed"))
                .groupBy(Steps.NODE_ID)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue());
        var nodes = entered.entrySet().stream()
                .map(e -> new NodeStats(e.getKey(), e.getValue(), dropped.getOrDefault(e.getKey(), 0L)))
                .sorted((a, b) -> Long.compare(b.entered(), a.entered()))
                .toList();
        return new Analytics(
                totals == null ? 0 : totals.value1(),
                totals == null ? 0 : totals.value2(),
                totals == null ? 0 : totals.value3(),
                nodes);
    }

    List<StepEntry> conversationSteps(UUID orgId, UUID conversationId) {
        return db.select(
                        Steps.FLOW_ID,
                        Flows.NAME,
                        Steps.FLOW_VERSION,
                        Steps.NODE_ID,
                        Steps.NODE_TYPE,
                        Steps.INPUT,
                        Steps.OUTPUT,
                        Steps.VARIABLES_CHANGED,
                        Steps.AT)
                .from(Steps.T)
                .leftJoin(Flows.T)
                .on(Flows.ID.eq(Steps.FLOW_ID))
                .where(Steps.ORG_ID.eq(orgId), Steps.CONVERSATION_ID.eq(conversationId))
                .orderBy(Steps.ID)
                .limit(1000)
                .fetch(r -> new StepEntry(
                        r.value1(),
                        r.value2() == null ? "(deleted flow)" : r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        r.value6(),
                        r.value7(),
                        r.value8() == null
                                ? null
                                : json.readValue(r.value8().data(), new TypeReference<Map<String, Object>>() {}),
                        r.value9()));
    }
}
