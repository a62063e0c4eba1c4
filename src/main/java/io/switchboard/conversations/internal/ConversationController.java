package io.switchboard.conversations.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.conversations.MessageContent;
import io.switchboard.conversations.internal.ConversationService.ConversationFilter;
import io.switchboard.conversations.internal.ConversationService.ConversationUpdate;
import io.switchboard.conversations.internal.ConversationService.ConversationView;
import io.switchboard.conversations.internal.ConversationService.MessageView;
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
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Conversations")
class ConversationController {

    private final ConversationService conversations;
    private final InboxStream stream;

    ConversationController(ConversationService conversations, InboxStream stream) {
        this.conversations = conversations;
        this.stream = stream;
    }

    @Schema(description = "Either `text`, or a full `content` object (media, interactive, template, ...)")
    record ReplyRequest(
            @Nullable @Size(max = 4096) String text,
            @Nullable MessageContent content) {}

    record NoteRequest(@NotBlank @Size(max = 10_000) String text) {}

    @GetMapping("/conversations")
    @Operation(summary = "The inbox: conversations, most recent activity first, with filters and full-text search")
    PageResponse<ConversationView> list(
            @ParameterObject @Valid PageQuery page,
            @Parameter(description = "open, pending, snoozed or resolved") @RequestParam(required = false) @Nullable
                    String status,
            @Parameter(description = "me, unassigned or a user id") @RequestParam(required = false) @Nullable
                    String assignee,
            @RequestParam(required = false) @Nullable UUID channelId,
            @RequestParam(required = false) @Nullable UUID contactId,
            @RequestParam(required = false) @Nullable String label,
            @Parameter(description = "words that appear in a message") @RequestParam(required = false) @Nullable
                    String q) {
        if (status != null && !status.matches("open|pending|snoozed|resolved")) {
            throw ApiProblem.invalidField("status", "must be one of open, pending, snoozed, resolved");
        }
        return conversations.list(page, new ConversationFilter(status, assignee, channelId, contactId, label, q));
    }

    @GetMapping("/conversations/{id}")
    @Operation(summary = "One conversation")
    ConversationView get(@PathVariable UUID id) {
        return conversations.get(id);
    }

    @PatchMapping("/conversations/{id}")
    @Operation(
            summary =
                    "Change status (snooze needs snoozedUntil), assignee (a human holds it; the bot pauses), priority, labels")
    ConversationView update(@PathVariable UUID id, @Valid @RequestBody ConversationUpdate change) {
        return conversations.update(id, change);
    }

    @PostMapping("/conversations/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark every message in the conversation as read")
    void markRead(@PathVariable UUID id) {
        conversations.markRead(id);
    }

    @GetMapping("/conversations/{id}/messages")
    @Operation(summary = "Messages of a conversation, newest first")
    PageResponse<MessageView> messages(@PathVariable UUID id, @ParameterObject @Valid PageQuery page) {
        return conversations.messages(id, page);
    }

    @PostMapping("/conversations/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Reply as the signed-in person; queued for the channel's paced delivery")
    MessageView reply(@PathVariable UUID id, @Valid @RequestBody ReplyRequest request) {
        MessageContent content = request.content() != null
                ? request.content()
                : request.text() != null && !request.text().isBlank() ? new MessageContent.Text(request.text()) : null;
        if (content == null) {
            throw ApiProblem.invalidField("text", "must not be blank (or send content)");
        }
        return conversations.reply(id, content);
    }

    @PostMapping("/conversations/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an internal note only the team sees")
    MessageView note(@PathVariable UUID id, @Valid @RequestBody NoteRequest request) {
        return conversations.addNote(id, request.text());
    }

    @GetMapping(path = "/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live inbox: server-sent events `conversation` {conversationId, change} after each change")
    SseEmitter streamInbox() {
        return stream.subscribe(CurrentPrincipal.get().orgId());
    }
}
