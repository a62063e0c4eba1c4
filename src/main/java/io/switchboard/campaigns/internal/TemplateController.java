package io.switchboard.campaigns.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.campaigns.internal.TemplateService.Preview;
import io.switchboard.campaigns.internal.TemplateService.TemplateInput;
import io.switchboard.campaigns.internal.TemplateService.TemplateView;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/templates")
@Tag(name = "Templates")
class TemplateController {

    private final TemplateService templates;

    TemplateController(TemplateService templates) {
        this.templates = templates;
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "TemplatePreviewRequest")
    record PreviewRequest(@Nullable Map<String, String> values) {}

    @GetMapping
    @Operation(summary = "Message templates, newest first; filter by channel")
    PageResponse<TemplateView> list(
            @ParameterObject @Valid PageQuery page, @RequestParam(required = false) @Nullable UUID channelId) {
        return templates.list(page, channelId);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary =
                    "Create a template (admins): WhatsApp ones start as drafts to submit to Meta, others are usable at once")
    TemplateView create(@RequestBody TemplateInput input) {
        return templates.create(input);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One template with its review status")
    TemplateView get(@PathVariable UUID id) {
        return templates.get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a template no campaign uses (admins)")
    void delete(@PathVariable UUID id) {
        templates.delete(id);
    }

    @PostMapping("/{id}/submit")
    @Operation(
            summary =
                    "Submit a WhatsApp template to Meta's review (POST /{wabaId}/message_templates); status becomes pending")
    TemplateView submit(@PathVariable UUID id) {
        return templates.submit(id);
    }

    @PostMapping("/{id}/sync")
    @Operation(
            summary =
                    "Ask the provider for the template's review status now (it is also polled and updated by webhook)")
    TemplateView sync(@PathVariable UUID id) {
        return templates.sync(id);
    }

    @PostMapping("/{id}/preview")
    @Operation(summary = "The template rendered with the given values (samples fill the rest)")
    Preview preview(@PathVariable UUID id, @RequestBody(required = false) @Nullable PreviewRequest request) {
        return templates.preview(id, request == null || request.values() == null ? Map.of() : request.values());
    }
}
