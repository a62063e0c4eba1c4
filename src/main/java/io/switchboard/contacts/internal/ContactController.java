package io.switchboard.contacts.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.contacts.internal.ContactService.ContactInput;
import io.switchboard.contacts.internal.ContactService.ContactView;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.web.CsvDownload;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts")
class ContactController {

    private final ContactService contacts;
    private final ContactImport importer;
    private final ContactPrivacy privacy;
    private final ContactTimeline timeline;
    private final ContactCsvExport export;

    ContactController(
            ContactService contacts,
            ContactImport importer,
            ContactPrivacy privacy,
            ContactTimeline timeline,
            ContactCsvExport export) {
        this.export = export;
        this.contacts = contacts;
        this.importer = importer;
        this.privacy = privacy;
        this.timeline = timeline;
    }

    record MergeRequest(
            @jakarta.validation.constraints.NotNull UUID contactId) {}

    @PostMapping(path = "/import", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary =
                    "Import contacts from CSV (header: name, phone, email, country_code, tags (a;b), opted_out, any other column = attribute); answers a per-row report")
    ContactImport.ImportReport importCsv(
            @org.springframework.web.bind.annotation.RequestPart("file")
                    org.springframework.web.multipart.MultipartFile file)
            throws java.io.IOException {
        if (file.isEmpty()) {
            throw io.switchboard.shared.ApiProblem.invalidField("file", "is empty");
        }
        return importer.importCsv(file.getInputStream());
    }

    @PostMapping("/{id}/merge")
    @Operation(summary = "Merge another contact into this one (identities, conversations, tags; gaps filled)")
    ContactView merge(@PathVariable UUID id, @Valid @RequestBody MergeRequest request) {
        return contacts.merge(id, request.contactId());
    }

    @GetMapping
    @Operation(summary = "Contacts, newest first; search by name, phone or email, filter by tag")
    PageResponse<ContactView> list(
            @ParameterObject @Valid PageQuery page,
            @Parameter(description = "text in name, phone or email") @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String tag) {
        return contacts.list(page, q, tag);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a contact (phone normalised to E.164)")
    ContactView create(@Valid @RequestBody ContactInput input) {
        return contacts.create(input);
    }

    @GetMapping("/export")
    @Operation(
            summary = "All contacts as CSV, streamed; the first columns are the import's, so it can be edited and"
                    + " imported again",
            responses =
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(
                            responseCode = "200",
                            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv")))
    void exportCsv(
            @Parameter(description = "only contacts with this tag") @RequestParam(required = false) @Nullable
                    String tag,
            HttpServletResponse response)
            throws IOException {
        UUID orgId = CurrentPrincipal.get().require(Role.AGENT).orgId();
        CsvDownload.write(response, "contacts.csv", ContactCsvExport.HEADER, rows -> export.write(orgId, tag, rows));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One contact")
    ContactView get(@PathVariable UUID id) {
        return contacts.get(id);
    }

    @GetMapping("/{id}/timeline")
    @Operation(
            summary = "The contact's history on every channel, newest first: messages (WhatsApp, SMS, web chat,"
                    + " sandbox) and calls with their summary, outcome and transcript",
            description = "Page backwards with `before` = the previous answer's `nextBefore` (null on the last page).")
    ContactTimeline.TimelinePage timeline(
            @PathVariable UUID id,
            @Parameter(description = "only entries strictly older than this instant") @RequestParam(required = false)
                    java.time.@Nullable Instant before,
            @Parameter(description = "entries per page, 1-100") @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > ContactTimeline.MAX_LIMIT) {
            throw io.switchboard.shared.ApiProblem.invalidField(
                    "limit", "must be between 1 and " + ContactTimeline.MAX_LIMIT);
        }
        return timeline.page(id, before, limit);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a contact; absent fields stay as they are")
    ContactView update(@PathVariable UUID id, @Valid @RequestBody ContactInput input) {
        return contacts.update(id, input);
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Delete a contact with its conversations (admins); with erase=true, erase their personal data"
                    + " everywhere (GDPR)",
            description = "Without `erase`: the contact and its conversations are deleted (204). With `erase=true`:"
                    + " every module removes what it holds on the contact (messages, media files, conversation search"
                    + " entries, agent memory, ...), then the contact record and identities go; the answer (200) and"
                    + " the audit record `contact.erased` carry counts only, never content. A conversation under legal"
                    + " hold blocks the erasure (409 erasure-blocked).")
    @ApiResponse(responseCode = "204", description = "deleted (without erase)", content = @Content)
    @ApiResponse(
            responseCode = "200",
            description = "erased (erase=true): what went, counted",
            content = @Content(schema = @Schema(implementation = ContactPrivacy.ErasureReport.class)))
    ResponseEntity<ContactPrivacy.@Nullable ErasureReport> delete(
            @PathVariable UUID id,
            @Parameter(description = "true erases personal data everywhere (GDPR right to erasure)")
                    @RequestParam(defaultValue = "false")
                    boolean erase) {
        if (erase) {
            return ResponseEntity.ok(privacy.erase(id));
        }
        contacts.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/export")
    @Operation(
            summary = "Export everything held on a contact (GDPR access/portability; admins)",
            description = "A ZIP streamed as it is written: `export/manifest.json`, `contact/` (record, identities,"
                    + " contacts merged into it), `audit/events.json` (audit entries about the contact), and one folder"
                    + " per module holding data on them, e.g. `conversations/conversations.json` with every message"
                    + " and `conversations/media/...` with the stored files.")
    @ApiResponse(
            responseCode = "200",
            description = "the archive",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    void export(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        String filename = privacy.prepareExport(id);
        response.setContentType("application/zip");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(filename).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        privacy.export(id, response.getOutputStream());
    }
}
