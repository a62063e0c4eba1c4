package io.switchboard.conversations.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.conversations.internal.QuickReplyService.QuickReplyView;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

@RestController
@RequestMapping("/api/v1/quick-replies")
@Tag(name = "Quick replies", description = "Canned answers inserted in the inbox composer by typing /shortcut")
class QuickReplyController {

    static final String SHORTCUT = "/?[A-Za-z0-9][A-Za-z0-9_-]{0,31}";
    static final String SHORTCUT_MESSAGE = "must be 1-32 letters, digits, _ or - (a leading / is dropped)";

    private final QuickReplyService quickReplies;

    QuickReplyController(QuickReplyService quickReplies) {
        this.quickReplies = quickReplies;
    }

    record QuickReplyRequest(
            @NotBlank @Pattern(regexp = SHORTCUT, message = SHORTCUT_MESSAGE)
            String shortcut,

            @NotBlank @Size(max = 100) String title,

            @NotBlank
            @Size(max = 4096)
            @Schema(
                    description = "text; variables {{contact.name}}, {{contact.first_name}}, {{contact.phone}},"
                            + " {{contact.email}}, with an optional fallback: {{contact.first_name|there}}")
            String body) {}

    record QuickReplyChange(
            @Nullable @Pattern(regexp = SHORTCUT, message = SHORTCUT_MESSAGE)
            String shortcut,

            @Nullable @Size(min = 1, max = 100) String title,
            @Nullable @Size(min = 1, max = 4096) String body) {}

    record RenderRequest(@NotNull UUID conversationId) {}

    record Rendered(String text) {}

    @GetMapping
    @Operation(summary = "Quick replies, by shortcut; q filters on shortcut and title")
    PageResponse<QuickReplyView> list(
            @ParameterObject @Valid PageQuery page,
            @Parameter(description = "part of a shortcut or title") @RequestParam(required = false) @Nullable
                    String q) {
        return quickReplies.list(page, q);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a quick reply (shortcuts are unique per organisation, case-insensitive)")
    QuickReplyView create(@Valid @RequestBody QuickReplyRequest request) {
        return quickReplies.create(request.shortcut(), request.title(), request.body());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One quick reply")
    QuickReplyView get(@PathVariable UUID id) {
        return quickReplies.get(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a quick reply's shortcut, title or body")
    QuickReplyView update(@PathVariable UUID id, @Valid @RequestBody QuickReplyChange change) {
        return quickReplies.update(id, change.shortcut(), change.title(), change.body());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a quick reply")
    void delete(@PathVariable UUID id) {
        quickReplies.delete(id);
    }

    @PostMapping("/{id}/render")
    @Operation(summary = "The quick reply's text with the conversation's contact filled in, ready for the composer")
    Rendered render(@PathVariable UUID id, @Valid @RequestBody RenderRequest request) {
        return new Rendered(quickReplies.render(id, request.conversationId()));
    }
}
