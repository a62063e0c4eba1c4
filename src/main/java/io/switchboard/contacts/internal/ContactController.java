package io.switchboard.contacts.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.contacts.internal.ContactService.ContactInput;
import io.switchboard.contacts.internal.ContactService.ContactView;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
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
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts")
class ContactController {

    private final ContactService contacts;
    private final ContactImport importer;

    ContactController(ContactService contacts, ContactImport importer) {
        this.contacts = contacts;
        this.importer = importer;
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

    @GetMapping("/{id}")
    @Operation(summary = "One contact")
    ContactView get(@PathVariable UUID id) {
        return contacts.get(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a contact; absent fields stay as they are")
    ContactView update(@PathVariable UUID id, @Valid @RequestBody ContactInput input) {
        return contacts.update(id, input);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a contact with its conversations (admins)")
    void delete(@PathVariable UUID id) {
        contacts.delete(id);
    }
}
