package io.switchboard.flows.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.shared.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Runs a flow's DRAFT in an ephemeral session kept in memory (one hour idle): the same engine as
 * the channels, with contact updates described instead of applied, delays skipped, and nothing sent.
 */
@Component
class FlowSimulator {

    private record SimSession(UUID orgId, UUID flowId, FlowState state) {}

    @Schema(name = "FlowSimulationReply")
    record SimReply(
            String text,
            @Nullable List<FlowNode.Choice> buttons,
            @Nullable String mediaUrl) {}

    @Schema(name = "FlowSimulationStep")
    record SimStep(
            String nodeId,
            String type,
            @Nullable String input,
            @Nullable String output,
            @Nullable Map<String, Object> variablesChanged,
            Instant at) {}

    @Schema(name = "FlowSimulation")
    record Simulation(
            UUID sessionId,
            List<SimReply> replies,
            @Nullable String activeNodeId,
            Map<String, Object> variables,
            @Nullable String waitingFor,
            boolean ended,

            @Schema(description = "completed, handoff, stopped or active")
            String status,

            List<SimStep> steps,

            @Schema(description = "what the simulator did instead of acting (contact updates, skipped delays)")
            List<String> notes) {}

    private final Cache<UUID, SimSession> sessions = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final FlowService flows;
    private final FlowWorld world;

    FlowSimulator(FlowService flows, FlowWorld world) {
        this.flows = flows;
        this.world = world;
    }

    Simulation simulate(
            UUID flowId, @Nullable UUID sessionId, @Nullable String message, boolean restart, @Nullable String jumpTo) {
        UUID orgId = CurrentPrincipal.get().orgId();
        var view = flows.get(flowId);
        FlowDocument draft = FlowDocument.parse(view.draft());
        var start = draft.start()
                .orElseThrow(() -> FlowService.invalid(List.of(
                        new FlowValidator.ValidationError("/nodes", null, "the flow needs exactly one start node"))));
        SimSession session = sessionId == null ? null : sessions.getIfPresent(sessionId);
        if (session != null
                && (!session.orgId().equals(orgId) || !session.flowId().equals(flowId))) session = null;
        List<String> notes = new ArrayList<>();
        List<FlowEngine.Reply> replies = new ArrayList<>();
        List<FlowEngine.Step> steps = new ArrayList<>();
        UUID id = session == null || restart ? UUID.randomUUID() : Objects.requireNonNull(sessionId);
        FlowState state;
        FlowEngine.Input input;
        if (session == null || restart) {
            state = FlowState.start(flowId.toString(), 0, start.id());
            state.vars.put(
                    "contact",
                    new LinkedHashMap<>(Map.of("name", "Simulator", "tags", List.of(), "attributes", Map.of())));
            state.vars.put("conversation", Map.of("channel", "simulator"));
            if (message != null && !message.isBlank()) state.vars.put("last_message", message);
            input = jumpTo != null ? new FlowEngine.Input.Jump(jumpTo) : new FlowEngine.Input.Begin();
        } else {
            state = session.state();
            if (jumpTo != null) input = new FlowEngine.Input.Jump(jumpTo);
            else if (message != null) input = new FlowEngine.Input.Message(message, null);
            else throw ApiProblem.invalidField("message", "is required to continue a session (or send restart/jumpTo)");
        }
        if (jumpTo != null && draft.node(jumpTo).isEmpty())
            throw ApiProblem.invalidField("jumpTo", "is not a node of the draft");
        var effects = world.effects(
                orgId,
                null,
                flowId,
                draft,
                (kind, seconds, seq) -> notes.add(kind + " of " + seconds + " s"
                        + (kind.equals("delay") ? " skipped in the simulator" : " (reply timeout; not simulated)")),
                notes);
        var result = FlowEngine.run(effects, state, input);
        replies.addAll(result.replies());
        steps.addAll(result.steps());
        // delays fire at once in the simulator
        for (int i = 0; i < 20 && state.active() && "delay".equals(state.waitingFor); i++) {
            result = FlowEngine.run(effects, state, new FlowEngine.Input.Timer("delay", state.waitSeq));
            replies.addAll(result.replies());
            steps.addAll(result.steps());
        }
        if (result.handoffReason() != null) notes.add("handoff: " + result.handoffReason());
        sessions.put(id, new SimSession(orgId, flowId, state));
        Map<String, Object> variables = new LinkedHashMap<>(state.vars);
        return new Simulation(
                id,
                replies.stream()
                        .map(r -> new SimReply(r.text(), r.buttons().isEmpty() ? null : r.buttons(), r.mediaUrl()))
                        .toList(),
                state.active() ? state.nodeId : null,
                variables,
                state.waitingFor,
                !state.active(),
                state.status,
                steps.stream()
                        .map(s ->
                                new SimStep(s.nodeId(), s.type(), s.input(), s.output(), s.variablesChanged(), s.at()))
                        .toList(),
                notes);
    }
}
