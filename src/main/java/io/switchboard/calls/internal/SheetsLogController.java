package io.switchboard.calls.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.db.ScopedTransactions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The organisation's Google Sheets call log: settings (key write-only), status and a test row. */
@RestController
@RequestMapping("/api/v1/calls/sheets-log")
@Tag(name = "Calls")
class SheetsLogController {

    private final SheetsCallLog sheetsLog;
    private final ScopedTransactions tx;

    SheetsLogController(SheetsCallLog sheetsLog, ScopedTransactions tx) {
        this.sheetsLog = sheetsLog;
        this.tx = tx;
    }

    record SheetsLogRequest(
            @NotBlank
            @Size(max = 200)
            @Schema(description = "the id in the sheet's URL: docs.google.com/spreadsheets/d/{spreadsheetId}/edit")
            String spreadsheetId,

            @Nullable @Size(max = 100) @Schema(description = "the tab rows are appended to, default Calls")
            String sheetName,

            @Nullable @Schema(description = "default true") Boolean enabled,

            @Nullable
            @Size(max = 20000)
            @Schema(
                    description = "the service account's JSON key file; write-only, required the first time, omit to"
                            + " keep the stored one. Share the sheet with its client_email as editor.")
            String serviceAccountKey) {}

    @GetMapping
    @Operation(
            summary = "Google Sheets call log: mode (off, disabled, configured, error), sheet, service-account e-mail,"
                    + " rows waiting, last export and last error. The key is never returned.")
    SheetsCallLog.SheetsLogStatus get() {
        var principal = CurrentPrincipal.get();
        return tx.inOrg(principal.orgId(), () -> sheetsLog.status(principal.orgId()));
    }

    @PutMapping
    @Operation(summary = "Configure the Google Sheets call log (admins); finished calls are then appended in batches")
    SheetsCallLog.SheetsLogStatus put(@Valid @RequestBody SheetsLogRequest request) {
        var principal = CurrentPrincipal.get().require(Role.ADMIN);
        String spreadsheetId = request.spreadsheetId().strip();
        if (!spreadsheetId.matches("[A-Za-z0-9_-]{10,200}")) {
            throw ApiProblem.invalidField(
                    "spreadsheetId", "letters, digits, - and _ only (the id from the sheet's URL)");
        }
        String sheetName = request.sheetName() == null || request.sheetName().isBlank()
                ? "Calls"
                : request.sheetName().strip();
        String key = request.serviceAccountKey() == null
                        || request.serviceAccountKey().isBlank()
                ? null
                : request.serviceAccountKey();
        String email = null;
        if (key != null) {
            try {
                email = GoogleSheetsClient.validateKey(key);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("serviceAccountKey", e.getMessage());
            }
        }
        String clientEmail = email;
        return tx.inOrg(principal.orgId(), () -> {
            if (key == null && !sheetsLog.configured(principal.orgId())) {
                throw ApiProblem.invalidField("serviceAccountKey", "required the first time the call log is set up");
            }
            sheetsLog.save(
                    principal.orgId(),
                    spreadsheetId,
                    sheetName,
                    !Boolean.FALSE.equals(request.enabled()),
                    key,
                    clientEmail);
            return sheetsLog.status(principal.orgId());
        });
    }

    @DeleteMapping
    @Operation(summary = "Turn the call log off: deletes the settings, the key and rows still waiting (admins)")
    ResponseEntity<Void> delete() {
        var principal = CurrentPrincipal.get().require(Role.ADMIN);
        tx.inOrg(principal.orgId(), () -> {
            sheetsLog.delete(principal.orgId());
            return null;
        });
        return ResponseEntity.noContent().build();
    }

    /** @param ok whether Google accepted the row; {@code error} says why not */
    record TestRowResult(boolean ok, @Nullable String error, SheetsCallLog.SheetsLogStatus status) {}

    @PostMapping("/test")
    @Operation(summary = "Append one marked test row now to check the key, the sharing and the sheet name (admins)")
    TestRowResult test() {
        var principal = CurrentPrincipal.get().require(Role.ADMIN);
        var error = sheetsLog.sendTestRow(principal.orgId());
        var status = tx.inOrg(principal.orgId(), () -> sheetsLog.status(principal.orgId()));
        return new TestRowResult(error.isEmpty(), error.orElse(null), status);
    }
}
