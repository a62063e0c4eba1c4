package io.switchboard.calls.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.calls.SalesScripts.GenerateScriptCommand;
import io.switchboard.calls.SalesScripts.SalesScript;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sales-scripts")
@Tag(name = "Sales scripts")
class SalesScriptController {

    private final SalesScriptService scripts;

    SalesScriptController(SalesScriptService scripts) {
        this.scripts = scripts;
    }

    record GenerateRequest(
            @NotNull UUID contactId,
            @NotBlank @Size(max = 500) String product,
            @NotBlank @Size(max = 1000) String goal,

            @Nullable @Size(max = 50) @Schema(description = "friendly (default), formal, ...")
            String tone,

            @Nullable @Size(max = 10) List<@Size(max = 100) String> topics,

            @Nullable @Size(max = 10000) @Schema(description = "conversation history or notes")
            String notes) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Generate a call script for a contact (LLM chain when configured, else a structured template)")
    SalesScript generate(@Valid @RequestBody GenerateRequest request) {
        var principal = CurrentPrincipal.get().require(Role.AGENT);
        return scripts.generate(
                principal.orgId(),
                new GenerateScriptCommand(
                        request.contactId(),
                        request.product(),
                        request.goal(),
                        request.tone(),
                        request.topics(),
                        request.notes()));
    }

    @GetMapping
    @Operation(summary = "Sales scripts, most recently changed first")
    PageResponse<SalesScript> list(
            @ParameterObject @Valid PageQuery page, @RequestParam(required = false) @Nullable UUID contactId) {
        return scripts.list(CurrentPrincipal.get().orgId(), contactId, page);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One sales script (latest version)")
    SalesScript get(@PathVariable UUID id) {
        return scripts.get(CurrentPrincipal.get().orgId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Sales script " + id));
    }

    record ReviseRequest(
            @NotBlank @Size(max = 20000) String text,
            @Nullable @Size(max = 1000) String firstSentence) {}

    @PutMapping("/{id}")
    @Operation(summary = "Save an edited script as its next version")
    SalesScript revise(@PathVariable UUID id, @Valid @RequestBody ReviseRequest request) {
        var principal = CurrentPrincipal.get().require(Role.AGENT);
        return scripts.revise(principal.orgId(), id, request.text(), request.firstSentence(), principal.userId())
                .orElseThrow(() -> ApiProblem.notFound("Sales script " + id));
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "Every version of a script, newest first")
    List<SalesScriptService.ScriptVersion> versions(@PathVariable UUID id) {
        var orgId = CurrentPrincipal.get().orgId();
        scripts.get(orgId, id).orElseThrow(() -> ApiProblem.notFound("Sales script " + id));
        return scripts.versions(orgId, id);
    }
}
