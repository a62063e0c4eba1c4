package io.switchboard.billing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.billing.internal.Statement.CreditEntry;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.web.CsvDownload;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/credits")
@Tag(name = "Credits")
class CreditsController {

    private final Ledger ledger;
    private final Statement statement;
    private final AuditLog audit;
    private final BillingProperties properties;
    private final CreditAlerts alerts;

    CreditsController(
            Ledger ledger, Statement statement, AuditLog audit, BillingProperties properties, CreditAlerts alerts) {
        this.alerts = alerts;
        this.ledger = ledger;
        this.statement = statement;
        this.audit = audit;
        this.properties = properties;
    }

    record CreditSummary(
            @Schema(description = "available + held, minor units")
            long balanceMinor,

            @Schema(description = "what new work may reserve")
            long availableMinor,

            @Schema(description = "reserved by work in progress")
            long heldMinor,

            String currency,

            @Schema(description = "stripe (checkout and portal) or manual (admins grant credits and assign plans)")
            String billingMode,

            @Nullable Long lowBalanceThresholdMinor,

            @Schema(description = "available is below the organisation's low-balance threshold")
            boolean lowBalance,

            @Schema(description = "automatic top-up with the card saved in Stripe (stripe mode only)")
            AutoTopUpView autoTopUp) {}

    record AutoTopUpView(
            boolean enabled,

            @Nullable @Schema(description = "charge when available credits fall below this")
            Long belowMinor,

            @Nullable @Schema(description = "amount charged each time")
            Long amountMinor,

            @Nullable Instant lastAttemptAt,

            @Nullable @Schema(description = "why the last automatic charge failed, if it did")
            String lastError) {}

    record GrantRequest(
            @NotNull @Positive @Max(1_000_000_000L) Long amountMinor,
            @NotBlank @Size(max = 500) String reason,

            @Nullable @Size(max = 200) @Schema(description = "a retried request with the same key grants once")
            String idempotencyKey) {}

    record GrantResult(long entryId, CreditSummary credits) {}

    record CreditSettings(
            @Nullable @PositiveOrZero @Schema(description = "null turns the low-balance warning and e-mail off")
            Long lowBalanceThresholdMinor,

            @Nullable
            @PositiveOrZero
            @Schema(
                    description =
                            "auto top-up: charge when available falls below this; null (with the amount) turns it off")
            Long autoTopUpBelowMinor,

            @Nullable @Positive @Max(100_000_000L) @Schema(description = "auto top-up: amount charged each time")
            Long autoTopUpAmountMinor) {}

    @GetMapping
    @Operation(summary = "Credit balance, available and held amounts, currency and billing mode")
    CreditSummary summary() {
        return summary(CurrentPrincipal.get().orgId());
    }

    @GetMapping("/entries")
    @Operation(
            summary = "The credit statement, newest first; ?format=csv downloads all entries as CSV",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = CreditEntryPage.class)),
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
                            }))
    @Nullable
    PageResponse<CreditEntry> entries(
            @org.springdoc.core.annotations.ParameterObject @Valid PageQuery page,
            @Parameter(description = "json (default) or csv") @RequestParam(required = false) @Nullable String format,
            HttpServletResponse response)
            throws IOException {
        UUID orgId = CurrentPrincipal.get().orgId();
        if (format == null || format.isBlank() || format.equals("json")) {
            return statement.page(orgId, page);
        }
        if (!format.equals("csv")) throw ApiProblem.invalidField("format", "must be json or csv");
        CsvDownload.write(response, "credit-statement.csv", Statement.CSV_HEADER, rows -> statement.csv(orgId, rows));
        return null;
    }

    /** Schema holder for the documented page type. */
    record CreditEntryPage(java.util.List<CreditEntry> items, int page, int size, long totalItems, int totalPages) {}

    @PostMapping("/grants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Grant credits with a reason (owners/admins in manual mode, super admins always); audited")
    GrantResult grant(@Valid @RequestBody GrantRequest request) {
        CurrentPrincipal principal = CurrentPrincipal.get();
        if (!principal.superAdmin()) {
            principal.require(Role.ADMIN);
            if (properties.stripeEnabled()) {
                throw ApiProblem.forbidden("With Stripe billing credits are bought; only a super admin grants them");
            }
        }
        String key =
                request.idempotencyKey() == null || request.idempotencyKey().isBlank()
                        ? "grant:" + UUID.randomUUID()
                        : "grant:" + request.idempotencyKey();
        Ledger.Posted posted = ledger.post(
                principal.orgId(),
                new Ledger.Posting(
                        Ledger.Kind.GRANT,
                        request.amountMinor(),
                        key,
                        null,
                        null,
                        request.reason().strip(),
                        principal.label()));
        long entryId = posted.entryId();
        var details = new LinkedHashMap<String, Object>();
        details.put("amountMinor", request.amountMinor());
        details.put("reason", request.reason().strip());
        details.put("entryId", entryId);
        if (posted.created()) {
            audit.record("credits.granted", "credit_entry", Long.toString(entryId), details);
        }
        return new GrantResult(entryId, summary(principal.orgId()));
    }

    @PutMapping("/settings")
    @Operation(
            summary = "Set the low-balance threshold (the dashboard warns and owners/admins get an e-mail below it) "
                    + "and automatic top-up (admins)")
    CreditSummary settings(@Valid @RequestBody CreditSettings request) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        alerts.setAutoTopUp(principal.orgId(), request.autoTopUpBelowMinor(), request.autoTopUpAmountMinor());
        ledger.setLowBalanceThreshold(principal.orgId(), request.lowBalanceThresholdMinor());
        return summary(principal.orgId());
    }

    private CreditSummary summary(UUID orgId) {
        Ledger.Account a = ledger.account(orgId);
        Long threshold = a.lowBalanceThreshold();
        return new CreditSummary(
                a.balance(),
                a.available(),
                a.held(),
                a.currency(),
                properties.mode(),
                threshold,
                threshold != null && a.available() < threshold,
                autoTopUp(orgId));
    }

    private AutoTopUpView autoTopUp(UUID orgId) {
        var auto = alerts.autoTopUp(orgId);
        return new AutoTopUpView(
                auto.belowMinor() != null,
                auto.belowMinor(),
                auto.amountMinor(),
                auto.lastAttemptAt(),
                auto.lastError());
    }
}
