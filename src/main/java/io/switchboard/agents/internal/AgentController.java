package io.switchboard.agents.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.agents.internal.AgentRuns.AgentRunView;
import io.switchboard.agents.internal.AgentService.AgentView;
import io.switchboard.conversations.Conversations;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Agents")
class AgentController {

    private final AgentService agents;
    private final Playground playground;
    private final AgentRuns runs;
    private final Conversations conversations;

    AgentController(AgentService agents, Playground playground, AgentRuns runs, Conversations conversations) {
        this.agents = agents;
        this.playground = playground;
        this.runs = runs;
        this.conversations = conversations;
    }

    @Schema(name = "AgentRequest")
    record AgentRequest(
            @NotBlank @Size(max = 100) String name,

            @Schema(description = "absent fields take defaults; on update, absent settings keep the current ones")
            @Nullable
            AgentSettings settings) {}

    @Schema(name = "PlaygroundRequest")
    record PlaygroundRequest(
            @NotBlank @Size(max = 4096) String message,

            @Schema(description = "answer as in this real conversation (its history and contact); nothing is sent")
            @Nullable
            UUID conversationId,

            @Schema(description = "continue a playground session (from an earlier reply)") @Nullable
            UUID sessionId,

            @Schema(description = "channel type whose reply length applies (default webchat)") @Nullable @Size(max = 40)
            String channelType) {}

    @GetMapping("/agents")
    @Operation(summary = "Agents of the organisation, newest first")
    PageResponse<AgentView> list(@ParameterObject @Valid PageQuery page) {
        return agents.list(page);
    }

    @PostMapping("/agents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create an agent (admins): instructions, knowledge bases, LLM chain, intents, handoff rules,"
                    + " business hours, messages, tools")
    AgentView create(@Valid @RequestBody AgentRequest request) {
        return agents.create(request.name(), request.settings());
    }

    @GetMapping("/agents/{id}")
    @Operation(summary = "One agent (secret tool header values are never returned, only whether they are set)")
    AgentView get(@PathVariable UUID id) {
        return agents.get(id);
    }

    @PutMapping("/agents/{id}")
    @Operation(summary = "Replace an agent's name and settings (admins); a secret header sent without a value keeps it")
    AgentView update(@PathVariable UUID id, @Valid @RequestBody AgentRequest request) {
        return agents.update(id, request.name(), request.settings());
    }

    @DeleteMapping("/agents/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an agent (admins); its channels stop answering automatically")
    void delete(@PathVariable UUID id) {
        agents.delete(id);
    }

    @PostMapping("/agents/{id}/chat")
    @Operation(
            summary = "Playground: ask the agent; answers the reply, citations, whether it would hand off, and the"
                    + " full trace. Nothing is sent to any contact")
    Playground.PlaygroundReply chat(@PathVariable UUID id, @Valid @RequestBody PlaygroundRequest request) {
        return playground.chat(
                id, request.message(), request.conversationId(), request.sessionId(), request.channelType());
    }

    @GetMapping("/agents/{id}/runs")
    @Operation(summary = "The agent's answers with their traces (channel and playground), newest first")
    PageResponse<AgentRunView> runs(@PathVariable UUID id, @ParameterObject @Valid PageQuery page) {
        agents.get(id); // 404 unless it is ours
        return runs.byAgent(CurrentPrincipal.get().orgId(), id, page);
    }

    @GetMapping("/conversations/{id}/agent-runs")
    @Operation(
            summary = "Why the bot said what it said in a conversation: the trace of each agent answer, newest first")
    PageResponse<AgentRunView> conversationRuns(@PathVariable UUID id, @ParameterObject @Valid PageQuery page) {
        UUID orgId = CurrentPrincipal.get().orgId();
        conversations.state(orgId, id).orElseThrow(() -> ApiProblem.notFound("Conversation " + id));
        return runs.byConversation(orgId, id, page);
    }
}
