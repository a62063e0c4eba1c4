package io.switchboard.flows.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.conversations.Conversations;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Flows")
class FlowController {

    private final FlowService flows;
    private final FlowSimulator simulator;
    private final FlowGenerator generator;
    private final FlowInsights insights;
    private final FlowValidator validator;
    private final Conversations conversations;
    private final JsonMapper json;
    private final FlowRuntime runtime;
    private final io.switchboard.llm.LlmProviders llmProviders;

    FlowController(
            FlowService flows,
            FlowSimulator simulator,
            FlowGenerator generator,
            FlowInsights insights,
            FlowValidator validator,
            Conversations conversations,
            JsonMapper json,
            FlowRuntime runtime,
            io.switchboard.llm.LlmProviders llmProviders) {
        this.llmProviders = llmProviders;
        this.runtime = runtime;
        this.flows = flows;
        this.simulator = simulator;
        this.generator = generator;
        this.insights = insights;
        this.validator = validator;
        this.conversations = conversations;
        this.json = json;
    }

    @Schema(name = "FlowCreateRequest")
    record CreateRequest(
            @NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 1000) String description,

            @Schema(description = "flow document (nodes and edges); absent = a start node and an end node") @Nullable
            JsonNode document) {}

    @Schema(name = "FlowUpdateRequest")
    record UpdateRequest(
            @Nullable @Size(max = 100) String name,
            @Nullable @Size(max = 1000) String description,

            @Schema(description = "the new draft; saved even when invalid (the answer lists its errors)") @Nullable
            JsonNode draft) {}

    @Schema(name = "FlowImportRequest")
    record ImportRequest(
            @NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 1000) String description,
            @Nullable JsonNode document) {}

    @Schema(name = "FlowValidateRequest")
    record ValidateRequest(@Nullable JsonNode document) {}

    @Schema(name = "FlowGenerateRequest")
    record GenerateRequest(
            @NotBlank @Size(max = 4000) String description,

            @Schema(description = "LLM providers to try in order (mode llm); absent or empty = rule-based (offline)")
            @Nullable
            @Size(max = 5)
            List<UUID> providerIds) {}

    @Schema(name = "FlowSimulateRequest")
    record SimulateRequest(
            @Schema(description = "continue this simulator session; absent = a new one") @Nullable
            UUID sessionId,

            @Nullable @Size(max = 4096) String message,

            @Schema(description = "start a new session from the start node") @Nullable
            Boolean restart,

            @Schema(description = "continue from this node id") @Nullable @Size(max = 64)
            String jumpTo) {}

    @GetMapping("/flows")
    @Operation(summary = "Flows of the organisation, last changed first, with entries and completions")
    PageResponse<FlowService.FlowSummary> list(
            @ParameterObject @Valid PageQuery page,
            @Parameter(description = "filter by name") @RequestParam(required = false) @Nullable String q) {
        return flows.list(page, q);
    }

    @PostMapping("/flows")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a flow (admins); the document is saved as the draft even when invalid")
    FlowService.FlowView create(@Valid @RequestBody CreateRequest request) {
        return flows.create(request.name(), request.description(), request.document());
    }

    @GetMapping("/flows/templates")
    @Operation(summary = "Ready-made flows (apartment-community, lead-qualification) to start from")
    List<FlowService.Template> templates() {
        return flows.templates();
    }

    @GetMapping(
            value = "/flows/schema",
            produces = {"application/schema+json", "application/json"})
    @Operation(summary = "The JSON Schema (draft 2020-12) of a flow document")
    JsonNode schema() {
        return json.readTree(validator.schemaText());
    }

    @PostMapping("/flows/validate")
    @Operation(
            summary =
                    "Check a document: schema and graph errors (one start, unreachable nodes, unconnected"
                            + " outputs, unknown targets, cycles without a wait or question, bad expressions), each with a JSON pointer")
    FlowService.Validation validate(@RequestBody ValidateRequest request) {
        return flows.validate(request.document());
    }

    @PostMapping("/flows/import")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Import a flow document (admins); 422 Problem Details listing each error by JSON pointer")
    FlowService.FlowView importFlow(@Valid @RequestBody ImportRequest request) {
        return flows.importFlow(request.name(), request.description(), request.document());
    }

    @PostMapping("/flows/generate")
    @Operation(
            summary = "Generate a flow from a description; offline from a numbered list of steps (mode rules)."
                    + " Nothing is saved: the document is shown for editing")
    FlowGenerator.Generated generate(@Valid @RequestBody GenerateRequest request) {
        UUID orgId = CurrentPrincipal.get().orgId();
        if (request.providerIds() != null) {
            for (UUID p : request.providerIds()) {
                if (!llmProviders.exists(orgId, p))
                    throw ApiProblem.invalidField("providerIds", "unknown LLM provider " + p);
            }
        }
        return generator.generate(
                orgId, request.description(), request.providerIds() == null ? List.of() : request.providerIds());
    }

    @GetMapping("/flows/{id}")
    @Operation(summary = "One flow with its draft and the draft's validation errors")
    FlowService.FlowView get(@PathVariable UUID id) {
        return flows.get(id);
    }

    @PatchMapping("/flows/{id}")
    @Operation(
            summary = "Autosave: change name, description or draft (admins); invalid drafts are saved, errors answered")
    FlowService.FlowView update(@PathVariable UUID id, @Valid @RequestBody UpdateRequest request) {
        return flows.update(id, request.name(), request.description(), request.draft());
    }

    @DeleteMapping("/flows/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a flow with its versions and sessions (admins)")
    void delete(@PathVariable UUID id) {
        flows.delete(id);
    }

    @PostMapping("/flows/{id}/publish")
    @Operation(summary = "Publish the draft as a new immutable version (admins); 422 with `errors` when invalid")
    FlowService.Published publish(@PathVariable UUID id) {
        return flows.publish(id);
    }

    @GetMapping("/flows/{id}/versions")
    @Operation(summary = "Published versions, newest first; `active` marks the one new conversations run")
    List<FlowService.VersionSummary> versions(@PathVariable UUID id) {
        return flows.versions(id);
    }

    @GetMapping("/flows/{id}/versions/{version}")
    @Operation(summary = "One published version's document")
    FlowService.VersionView version(@PathVariable UUID id, @PathVariable String version) {
        return flows.version(id, version);
    }

    @PostMapping("/flows/{id}/versions/{version}/rollback")
    @Operation(summary = "Roll back (admins): that version's document becomes the draft and a new active version")
    FlowService.Published rollback(@PathVariable UUID id, @PathVariable String version) {
        return flows.rollback(id, version);
    }

    @GetMapping("/flows/{id}/export")
    @Operation(summary = "Export the draft as JSON (import it elsewhere with POST /flows/import)")
    FlowService.Export export(@PathVariable UUID id) {
        return flows.export(id);
    }

    @PostMapping("/flows/{id}/simulate")
    @Operation(
            summary = "Simulator: run the DRAFT in an ephemeral session with the same engine; nothing is sent"
                    + " to channels and contacts are not changed")
    FlowSimulator.Simulation simulate(@PathVariable UUID id, @Valid @RequestBody SimulateRequest request) {
        return simulator.simulate(
                id, request.sessionId(), request.message(), Boolean.TRUE.equals(request.restart()), request.jumpTo());
    }

    @Schema(name = "FlowStartRequest")
    record StartRequest(@Nullable UUID conversationId) {}

    @Schema(name = "FlowStarted")
    record Started(UUID sessionId) {}

    @PostMapping("/flows/{id}/start")
    @Operation(
            summary = "API trigger: start the flow's published version in a conversation now (agents or"
                    + " higher); a running session there is stopped. 409 when the flow is not published")
    Started start(@PathVariable UUID id, @RequestBody StartRequest request) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(io.switchboard.identity.Role.AGENT);
        flows.row(principal.orgId(), id);
        if (request.conversationId() == null) throw ApiProblem.invalidField("conversationId", "is required");
        return new Started(runtime.startByApi(principal.orgId(), id, request.conversationId()));
    }

    @GetMapping("/flows/{id}/analytics")
    @Operation(summary = "Entries, completions and per-node entered/drop-off counts of sessions started in [from, to)")
    FlowInsights.Analytics analytics(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        return insights.analytics(id, from, to);
    }

    @GetMapping("/conversations/{id}/flow-steps")
    @Operation(summary = "Timeline of every flow step run in a conversation (node, input, output, variables changed)")
    List<FlowInsights.StepEntry> conversationSteps(@PathVariable UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        conversations.state(orgId, id).orElseThrow(() -> ApiProblem.notFound("Conversation " + id));
        return insights.conversationSteps(orgId, id);
    }
}
