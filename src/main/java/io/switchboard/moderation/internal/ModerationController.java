package io.switchboard.moderation.internal;

import static io.switchboard.moderation.internal.ModerationTables.Decisions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.moderation.Moderation;
import io.switchboard.moderation.Moderation.Finding;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/moderation")
@Tag(name = "Moderation")
class ModerationController {

    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {};
    private static final int MAX_TERMS = 500;

    private final ModerationService moderation;
    private final DSLContext db;
    private final JsonMapper json;
    private final AuditLog audit;

    ModerationController(ModerationService moderation, DSLContext db, JsonMapper json, AuditLog audit) {
        this.moderation = moderation;
        this.db = db;
        this.json = json;
        this.audit = audit;
    }

    record ModerationSettingsBody(
            @NotNull @Size(max = MAX_TERMS) @Schema(description = "matched as whole words, case-insensitive")
            List<String> blockedTerms,

            @Schema(description = "replace e-mail addresses, phone, card and IBAN numbers by placeholders")
            boolean maskPii,

            @Schema(description = "block inbound prompt-injection attempts instead of flagging them")
            boolean blockPromptInjection,

            @Schema(description = "also ask OpenAI's moderation API (key from the OpenAI provider or OPENAI_API_KEY)")
            boolean useOpenAiModeration) {}

    record ModerationCheckRequest(
            @NotBlank @Size(max = 20_000) String text,

            @Nullable @Schema(description = "inbound (default), reply or call_prompt")
            String stage) {}

    record ModerationDecision(
            long id,

            @Schema(description = "inbound, reply or call_prompt")
            String stage,

            @Schema(description = "allow, flag or block") String verdict,
            List<Finding> findings,
            @Nullable String subjectRef,

            @Schema(description = "the start of the text as decided (masked when masking is on)")
            String excerpt,

            Instant createdAt) {}

    @GetMapping("/settings")
    @Operation(summary = "The organisation's moderation settings")
    ModerationSettingsBody settings() {
        var s = moderation.settings(CurrentPrincipal.get().orgId());
        return new ModerationSettingsBody(
                s.blockedTerms(), s.maskPii(), s.blockPromptInjection(), s.useOpenAiModeration());
    }

    @PutMapping("/settings")
    @Transactional
    @Operation(summary = "Replace the moderation settings (admins)")
    ModerationSettingsBody putSettings(@Valid @RequestBody ModerationSettingsBody body) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        var terms = new LinkedHashMap<String, String>();
        for (int i = 0; i < body.blockedTerms().size(); i++) {
            String term = body.blockedTerms().get(i) == null
                    ? ""
                    : body.blockedTerms().get(i).trim();
            if (term.isEmpty()) throw ApiProblem.invalidField("blockedTerms[" + i + "]", "must not be blank");
            if (term.length() > 100)
                throw ApiProblem.invalidField("blockedTerms[" + i + "]", "must be at most 100 characters");
            terms.putIfAbsent(term.toLowerCase(Locale.ROOT), term);
        }
        var settings = new ModerationSettings(
                new ArrayList<>(terms.values()),
                body.maskPii(),
                body.blockPromptInjection(),
                body.useOpenAiModeration());
        moderation.saveSettings(principal.orgId(), settings);
        audit.record(
                "moderation.settings_updated",
                "moderation_settings",
                principal.orgId().toString(),
                Map.of(
                        "blockedTerms", settings.blockedTerms().size(),
                        "maskPii", settings.maskPii(),
                        "blockPromptInjection", settings.blockPromptInjection(),
                        "useOpenAiModeration", settings.useOpenAiModeration()));
        return settings();
    }

    record ModerationCheckResult(
            @Schema(description = "allow, flag or block") String verdict,
            List<Finding> findings,

            @Schema(description = "the text to use from here on (masked when masking is on)")
            String text) {}

    @PostMapping("/check")
    @Operation(summary = "Check a text as the pipeline would (logged with subject \"playground\")")
    ModerationCheckResult check(@Valid @RequestBody ModerationCheckRequest request) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.AGENT);
        var decision =
                moderation.check(principal.orgId(), request.text(), stage(request.stage(), "stage"), "playground");
        return new ModerationCheckResult(
                decision.verdict().name().toLowerCase(Locale.ROOT), decision.findings(), decision.text());
    }

    @GetMapping("/decisions")
    @Operation(summary = "The decision log, newest first")
    PageResponse<ModerationDecision> decisions(
            @ParameterObject @Valid PageQuery page,
            @Parameter(description = "inbound, reply or call_prompt") @RequestParam(required = false) @Nullable
                    String stage,
            @Parameter(description = "allow, flag or block") @RequestParam(required = false) @Nullable String verdict) {
        var conditions = new ArrayList<Condition>();
        conditions.add(Decisions.ORG_ID.eq(CurrentPrincipal.get().orgId()));
        if (stage != null && !stage.isBlank()) {
            conditions.add(Decisions.STAGE.eq(stage(stage, "stage").name().toLowerCase(Locale.ROOT)));
        }
        if (verdict != null && !verdict.isBlank()) {
            try {
                conditions.add(Decisions.VERDICT.eq(
                        Moderation.Verdict.valueOf(verdict.trim().toUpperCase(Locale.ROOT))
                                .name()
                                .toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("verdict", "must be allow, flag or block");
            }
        }
        return Pages.fetch(
                db,
                page,
                db.select(Decisions.ALL)
                        .from(Decisions.T)
                        .where(conditions)
                        .orderBy(Decisions.CREATED_AT.desc(), Decisions.ID.desc()),
                r -> new ModerationDecision(
                        r.get(Decisions.ID),
                        r.get(Decisions.STAGE),
                        r.get(Decisions.VERDICT),
                        json.readValue(r.get(Decisions.FINDINGS).data(), FINDINGS),
                        r.get(Decisions.SUBJECT_REF),
                        r.get(Decisions.EXCERPT),
                        r.get(Decisions.CREATED_AT)));
    }

    private static Moderation.Stage stage(@Nullable String value, String field) {
        if (value == null || value.isBlank()) return Moderation.Stage.INBOUND;
        try {
            return Moderation.Stage.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "must be inbound, reply or call_prompt");
        }
    }
}
