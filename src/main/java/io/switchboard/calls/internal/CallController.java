package io.switchboard.calls.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.billing.Credits;
import io.switchboard.calls.CallAnalysis;
import io.switchboard.calls.CallStatus;
import io.switchboard.calls.CallView;
import io.switchboard.calls.Calls.CallFilter;
import io.switchboard.calls.CostEstimate;
import io.switchboard.calls.PlaceCallCommand;
import io.switchboard.calls.PlaceCallResult;
import io.switchboard.calls.Transcript;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.llm.LlmProviders;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.shared.web.CsvDownload;
import io.switchboard.storage.BlobStore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/calls")
@Tag(name = "Calls")
class CallController {

    private final CallService calls;
    private final CallSettings settings;
    private final CallStore store;
    private final ScopedTransactions tx;
    private final BlobStore blobs;
    private final Credits credits;
    private final LlmProviders llmProviders;
    private final CallWebhooks webhooks;

    CallController(
            CallService calls,
            CallSettings settings,
            CallStore store,
            ScopedTransactions tx,
            BlobStore blobs,
            Credits credits,
            LlmProviders llmProviders,
            CallWebhooks webhooks) {
        this.calls = calls;
        this.settings = settings;
        this.store = store;
        this.tx = tx;
        this.blobs = blobs;
        this.credits = credits;
        this.llmProviders = llmProviders;
        this.webhooks = webhooks;
    }

    record PlaceCallRequest(
            @Nullable @Schema(description = "the contact to call (its phone is used)")
            UUID contactId,

            @Nullable
            @Size(max = 40)
            @Schema(description = "international number, e.g. +14155550123 (when there is no contact)")
            String phoneNumber,

            @Nullable UUID agentId,

            @Nullable @Size(max = 20000) @Schema(description = "instructions for the voice agent")
            String task,

            @Nullable @Schema(description = "use this sales script's latest version as the task")
            UUID salesScriptId,

            @Nullable @Size(max = 1000) String firstSentence,
            @Nullable @Size(max = 100) String voice,

            @Nullable @Size(max = 20) @Schema(description = "BCP-47 tag, default en-US")
            String language,

            @Nullable @Min(1) @Max(60) @Schema(description = "1..60, default 5; clamped to what the credits cover")
            Integer maxDurationMinutes,

            @Nullable @Size(max = 40) String transferNumber,
            @Nullable Boolean record,
            @Nullable Map<String, String> metadata,
            @Nullable Instant scheduledAt,

            @Nullable
            @Size(max = 200)
            @Schema(description = "a retried request with the same key answers the same call")
            String idempotencyKey) {}

    /**
     * @param clamped maxDuration was shortened to what the credits cover ({@code requestedMaxDurationMinutes} was asked)
     * @param mode bland or simulator
     */
    record PlacedCall(
            CallView call,
            long holdMinor,
            long estimatedCostMinor,
            String currency,
            boolean clamped,
            int requestedMaxDurationMinutes,
            boolean queued,
            boolean replayed,
            String mode,
            @Nullable String notice) {}

    @PostMapping
    @Operation(
            summary =
                    "Place (or schedule) a call: moderated, credits held for maxDuration × rate, then dialled when the"
                            + " plan's call limits allow. 402 insufficient-credits, 422 call-blocked-by-moderation, 400 invalid number")
    ResponseEntity<PlacedCall> place(@Valid @RequestBody PlaceCallRequest request) {
        var principal = CurrentPrincipal.get().require(Role.AGENT);
        var result = calls.placeCall(
                principal.orgId(),
                new PlaceCallCommand(
                        request.contactId(),
                        request.phoneNumber(),
                        request.agentId(),
                        request.task(),
                        request.salesScriptId(),
                        request.firstSentence(),
                        request.voice(),
                        request.language(),
                        request.maxDurationMinutes(),
                        request.transferNumber(),
                        Boolean.TRUE.equals(request.record()),
                        request.metadata(),
                        request.scheduledAt(),
                        request.idempotencyKey()));
        return switch (result) {
            case PlaceCallResult.Refused refused -> throw refused.toProblem();
            case PlaceCallResult.Placed p ->
                ResponseEntity.status(p.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                        .body(new PlacedCall(
                                p.call(),
                                p.holdMinor(),
                                p.estimatedCostMinor(),
                                p.currency(),
                                p.clamped(),
                                p.requestedMaxDurationMinutes(),
                                p.queued(),
                                p.replayed(),
                                calls.mode(),
                                p.clamped()
                                        ? "maxDurationMinutes was clamped from " + p.requestedMaxDurationMinutes()
                                                + " to " + p.call().maxDurationMinutes()
                                                + ": that is what the available credits cover"
                                        : null));
        };
    }

    @GetMapping
    @Operation(summary = "Calls, newest first, with filters")
    PageResponse<CallView> list(
            @ParameterObject @Valid PageQuery page,
            @Parameter(description = "queued, ringing, in-progress, completed, failed, no-answer, busy, cancelled")
                    @RequestParam(required = false)
                    @Nullable
                    String status,
            @RequestParam(required = false) @Nullable UUID contactId,
            @Parameter(description = "part of the phone number") @RequestParam(required = false) @Nullable String phone,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        var principal = CurrentPrincipal.get();
        CallStatus parsed = null;
        if (status != null && !status.isBlank()) {
            try {
                parsed = CallStatus.fromJson(status);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField(
                        "status",
                        "must be one of queued, ringing, in-progress, completed, failed, no-answer, busy, cancelled");
            }
        }
        return calls.list(principal.orgId(), new CallFilter(parsed, contactId, phone, from, to), page);
    }

    record CallMode(
            @Schema(description = "bland (BLAND_API_KEY set) or simulator")
            String mode,

            boolean webhookSigning,
            Map<String, Long> ratesPerMinuteMinor,
            String currency,
            List<UUID> llmChain) {}

    @GetMapping("/settings")
    @Operation(summary = "Which provider places calls (bland or simulator), the rates per minute and the LLM chain")
    CallMode settings() {
        var orgId = CurrentPrincipal.get().orgId();
        return tx.inOrg(
                orgId,
                () -> new CallMode(
                        calls.mode(),
                        webhooks.signingConfigured(),
                        Map.of("bland", settings.rate(orgId, "bland"), "simulator", settings.rate(orgId, "simulator")),
                        credits.balance(orgId).currency(),
                        settings.llmChain(orgId)));
    }

    record CallSettingsInput(
            @Nullable Map<String, @NotNull @Min(0) @Max(100000) Long> ratesPerMinuteMinor,
            @Nullable @Size(max = 5) List<UUID> llmChain) {}

    @PutMapping("/settings")
    @Operation(
            summary =
                    "Change rates per provider and minute (minor units) and the LLM chain for scripts and analysis (admins)")
    CallMode updateSettings(@Valid @RequestBody CallSettingsInput input) {
        var principal = CurrentPrincipal.get().require(Role.ADMIN);
        var orgId = principal.orgId();
        if (input.ratesPerMinuteMinor() != null) {
            for (var e : input.ratesPerMinuteMinor().entrySet()) {
                if (!CallSettings.PROVIDERS.contains(e.getKey())) {
                    throw ApiProblem.invalidField("ratesPerMinuteMinor", "providers are bland and simulator");
                }
                if (e.getValue() == null || e.getValue() < 0)
                    throw ApiProblem.invalidField("ratesPerMinuteMinor", "must be 0 or more");
            }
        }
        if (input.llmChain() != null) {
            for (UUID id : input.llmChain()) {
                if (!llmProviders.exists(orgId, id))
                    throw ApiProblem.invalidField("llmChain", "provider " + id + " does not exist");
            }
        }
        tx.inOrg(orgId, () -> {
            if (input.ratesPerMinuteMinor() != null)
                input.ratesPerMinuteMinor().forEach((p, r) -> settings.setRate(orgId, p, r));
            if (input.llmChain() != null) settings.setLlmChain(orgId, input.llmChain());
            return null;
        });
        return settings();
    }

    @GetMapping("/estimate")
    @Operation(summary = "What a call of this length would hold, and whether the credits cover it")
    CostEstimate estimate(@RequestParam(defaultValue = "5") int maxDurationMinutes) {
        return calls.estimateCost(CurrentPrincipal.get().orgId(), maxDurationMinutes);
    }

    @GetMapping("/export")
    @Operation(
            summary =
                    "The call log as CSV (time, contact, number, status, duration, cost, outcome, summary); default last 30 days",
            responses =
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(
                            responseCode = "200",
                            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv")))
    void export(
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        var orgId = CurrentPrincipal.get().orgId();
        Instant end = to == null ? Instant.now().plusSeconds(60) : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        var rows = tx.inOrg(orgId, () -> store.all(orgId, start, end, 50_000));
        CsvDownload.write(
                response,
                "calls.csv",
                List.of(
                        "time",
                        "call_id",
                        "contact_id",
                        "phone_number",
                        "status",
                        "provider",
                        "duration_seconds",
                        "cost_minor",
                        "currency",
                        "outcome",
                        "summary"),
                out -> rows.forEach(c -> out.add(
                        c.createdAt(),
                        c.id(),
                        c.contactId(),
                        c.phoneNumber(),
                        c.status().json(),
                        c.provider(),
                        c.durationSeconds(),
                        c.costMinor(),
                        c.currency(),
                        c.outcome(),
                        c.summary())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One call: status, duration, cost, answered-by, summary, outcome")
    CallView get(@PathVariable UUID id) {
        return calls.get(CurrentPrincipal.get().orgId(), id).orElseThrow(() -> ApiProblem.notFound("Call " + id));
    }

    @PostMapping("/{id}/stop")
    @Operation(summary = "Stop a queued or live call (a finished call answers as it is)")
    CallView stop(@PathVariable UUID id) {
        var principal = CurrentPrincipal.get().require(Role.AGENT);
        return calls.stop(principal.orgId(), id).orElseThrow(() -> ApiProblem.notFound("Call " + id));
    }

    @GetMapping("/{id}/transcript")
    @Operation(summary = "Turns with speaker and time, plus the whole text; complete once the call is finished")
    Transcript transcript(@PathVariable UUID id) {
        return calls.transcript(CurrentPrincipal.get().orgId(), id)
                .orElseThrow(() -> ApiProblem.notFound("Call " + id));
    }

    record AnalyzeRequest(@Nullable @Size(max = 10) List<@Size(max = 500) String> questions) {}

    @PostMapping("/{id}/analyze")
    @Operation(summary = "Summary, outcome, extracted fields, and answers to questions about the call")
    CallAnalysis analyze(
            @PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable AnalyzeRequest request) {
        var questions = request == null || request.questions() == null ? List.<String>of() : request.questions();
        return calls.analyze(CurrentPrincipal.get().orgId(), id, questions)
                .orElseThrow(() -> ApiProblem.notFound("Call " + id));
    }

    record RecordingLink(String url, Instant expiresAt, String source) {}

    @GetMapping("/{id}/recording")
    @Operation(summary = "A short-lived signed link to the call's recording (404 when the call has none)")
    RecordingLink recording(@PathVariable UUID id) {
        var orgId = CurrentPrincipal.get().orgId();
        CallRow call = calls.row(orgId, id).orElseThrow(() -> ApiProblem.notFound("Call " + id));
        Duration ttl = Duration.ofMinutes(10);
        if (call.recordingKey() != null) {
            return new RecordingLink(
                    blobs.signedUrl(orgId, call.recordingKey(), ttl),
                    Instant.now().plus(ttl),
                    "storage");
        }
        if (call.providerRecordingUrl() != null) {
            return new RecordingLink(call.providerRecordingUrl(), Instant.now().plus(ttl), "provider");
        }
        throw ApiProblem.notFound("Recording of call " + id);
    }
}
