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
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.web.CsvDownload;
import io.switchboard.shared.web.ExportPeriod;
import io.switchboard.storage.BlobStore;
import io.switchboard.storage.BlobTooLargeException;
import io.switchboard.storage.StoredBlob;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Conversations")
class ConversationController {

    /** The largest attachment any channel takes (WhatsApp documents); channels check their own limits. */
    static final long MAX_ATTACHMENT_BYTES = 100L * 1024 * 1024;

    private final ConversationService conversations;
    private final InboxStream stream;
    private final BlobStore blobs;
    private final ConversationExports exports;

    ConversationController(
            ConversationService conversations, InboxStream stream, BlobStore blobs, ConversationExports exports) {
        this.exports = exports;
        this.conversations = conversations;
        this.stream = stream;
        this.blobs = blobs;
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

    @GetMapping("/conversations/export")
    @Operation(
            summary = "Conversations started in a period as CSV, streamed (default the last 30 days)",
            responses =
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(
                            responseCode = "200",
                            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv")))
    void exportConversations(
            @Parameter(description = "start, e.g. 2026-11-01T00:00:00Z") @RequestParam(required = false) @Nullable
                    Instant from,
            @Parameter(description = "end, excluded") @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable UUID channelId,
            HttpServletResponse response)
            throws IOException {
        export(
                response,
                "conversations.csv",
                ConversationExports.CONVERSATION_HEADER,
                from,
                to,
                (org, period, rows) -> exports.conversations(org, period.from(), period.to(), channelId, rows));
    }

    @GetMapping("/conversations/messages/export")
    @Operation(
            summary =
                    "Messages (without internal notes) written in a period as CSV, streamed (default the last 30 days)",
            responses =
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(
                            responseCode = "200",
                            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv")))
    void exportMessages(
            @Parameter(description = "start, e.g. 2026-11-01T00:00:00Z") @RequestParam(required = false) @Nullable
                    Instant from,
            @Parameter(description = "end, excluded") @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable UUID channelId,
            HttpServletResponse response)
            throws IOException {
        export(
                response,
                "messages.csv",
                ConversationExports.MESSAGE_HEADER,
                from,
                to,
                (org, period, rows) -> exports.messages(org, period.from(), period.to(), channelId, rows));
    }

    private interface ExportRows {
        void write(UUID orgId, ExportPeriod period, CsvDownload.Rows rows);
    }

    /** A period's CSV export for agents and above, streamed. */
    private static void export(
            HttpServletResponse response,
            String filename,
            java.util.List<String> header,
            @Nullable Instant from,
            @Nullable Instant to,
            ExportRows body)
            throws IOException {
        UUID orgId = CurrentPrincipal.get().require(Role.AGENT).orgId();
        var period = ExportPeriod.of(from, to);
        CsvDownload.write(response, filename, header, rows -> body.write(orgId, period, rows));
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

    @PutMapping("/conversations/{id}/legal-hold")
    @Operation(
            summary = "Put the conversation under legal hold (admins)",
            description = "A held conversation is skipped by the retention purge and blocks the GDPR erasure of its"
                    + " contact until the hold is cleared. Audited.")
    ConversationView setLegalHold(@PathVariable UUID id) {
        return conversations.legalHold(id, true);
    }

    @DeleteMapping("/conversations/{id}/legal-hold")
    @Operation(summary = "Clear the legal hold (admins); the retention window applies again. Audited.")
    ConversationView clearLegalHold(@PathVariable UUID id) {
        return conversations.legalHold(id, false);
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

    @PostMapping(path = "/conversations/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Send a file (image, video, audio or document) as the signed-in person",
            description = "Stored, then queued like a reply. The channel's limits apply (WhatsApp: images 5 MB, video"
                    + " and audio 16 MB, documents 100 MB; Twilio 5 MB and a public URL): a refusal names `file`.")
    MessageView attach(
            @PathVariable UUID id,
            @RequestPart("file") MultipartFile file,
            @RequestPart(name = "caption", required = false) @Nullable String caption) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        conversations.get(id); // 404 before storing anything
        if (file.isEmpty()) {
            throw ApiProblem.invalidField("file", "is empty");
        }
        if (caption != null && caption.length() > 1024) {
            throw ApiProblem.invalidField("caption", "must be at most 1024 characters");
        }
        String contentType = file.getContentType() == null ? "application/octet-stream" : file.getContentType();
        StoredBlob stored;
        try (var in = file.getInputStream()) {
            stored = blobs.put(
                    principal.orgId(),
                    "attachments",
                    file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename(),
                    contentType,
                    in,
                    MAX_ATTACHMENT_BYTES);
        } catch (BlobTooLargeException e) {
            throw ApiProblem.invalidField("file", e.getMessage());
        } catch (java.io.IOException e) {
            throw ApiProblem.badRequest("upload-failed", "The upload broke off: " + e.getMessage());
        }
        var media = new MessageContent.Media(
                        MessageContent.Media.typeOf(stored.contentType()),
                        null,
                        stored.contentType(),
                        caption == null || caption.isBlank() ? null : caption.strip(),
                        stored.filename())
                .withFile(stored.key(), stored.size(), stored.contentType(), stored.filename());
        try {
            return conversations.reply(id, media);
        } catch (RuntimeException refused) {
            blobs.delete(principal.orgId(), stored.key()); // the channel refused it: keep no orphan
            throw refused;
        }
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
