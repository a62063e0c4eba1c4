package io.switchboard.moderation.internal;

import static io.switchboard.moderation.internal.ModerationTables.Decisions;
import static io.switchboard.moderation.internal.ModerationTables.Settings;

import io.switchboard.moderation.Moderation;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Built-in rules first, then (when the organisation turned it on) OpenAI's moderation API. When the
 * API cannot be reached the built-in rules decide alone and the finding says so: never a silent
 * pass, never an error for the caller. Every decision is logged.
 */
@Service
class ModerationService implements Moderation {

    private static final Logger log = LoggerFactory.getLogger(ModerationService.class);
    private static final int EXCERPT = 280;

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final OpenAiModerationClient openAi;
    private final JsonMapper json;

    ModerationService(DSLContext db, ScopedTransactions tx, OpenAiModerationClient openAi, JsonMapper json) {
        this.db = db;
        this.tx = tx;
        this.openAi = openAi;
        this.json = json;
    }

    @Override
    public Decision check(UUID orgId, String text, Stage stage, @Nullable String subjectRef) {
        return decide(orgId, text, stage, null, subjectRef);
    }

    @Override
    public Decision checkReply(UUID orgId, String text, String systemPrompt, @Nullable String subjectRef) {
        return decide(orgId, text, Stage.REPLY, systemPrompt, subjectRef);
    }

    private Decision decide(
            UUID orgId, String text, Stage stage, @Nullable String systemPrompt, @Nullable String subjectRef) {
        ModerationSettings settings = tx.inOrg(orgId, () -> settings(orgId));
        var rules = ModerationRules.evaluate(text, stage, settings, systemPrompt);
        Verdict verdict = rules.verdict();
        List<Finding> findings = new ArrayList<>(rules.findings());
        if (settings.useOpenAiModeration()) {
            var api = openAi.moderate(orgId, text);
            if (api.failed()) {
                findings.add(new Finding("openai_unavailable", api.error() + "; built-in rules decided"));
            } else if (api.flagged()) {
                findings.addAll(
                        api.categories().isEmpty()
                                ? List.of(new Finding("openai:flagged", "flagged"))
                                : api.categories());
                verdict = Verdict.BLOCK;
            }
        }
        var decision = new Decision(verdict, List.copyOf(findings), rules.text());
        logDecision(orgId, stage, decision, subjectRef);
        return decision;
    }

    ModerationSettings settings(UUID orgId) {
        return db.select(
                        Settings.BLOCKED_TERMS,
                        Settings.MASK_PII,
                        Settings.BLOCK_PROMPT_INJECTION,
                        Settings.USE_OPENAI_MODERATION)
                .from(Settings.T)
                .where(Settings.ORG_ID.eq(orgId))
                .fetchOptional(r -> new ModerationSettings(
                        r.value1() == null ? List.of() : Arrays.asList(r.value1()), r.value2(), r.value3(), r.value4()))
                .orElse(ModerationSettings.DEFAULTS);
    }

    void saveSettings(UUID orgId, ModerationSettings settings) {
        String[] terms = settings.blockedTerms().toArray(String[]::new);
        db.insertInto(Settings.T)
                .set(Settings.ORG_ID, orgId)
                .set(Settings.BLOCKED_TERMS, terms)
                .set(Settings.MASK_PII, settings.maskPii())
                .set(Settings.BLOCK_PROMPT_INJECTION, settings.blockPromptInjection())
                .set(Settings.USE_OPENAI_MODERATION, settings.useOpenAiModeration())
                .set(Settings.UPDATED_AT, Instant.now())
                .onConflict(Settings.ORG_ID)
                .doUpdate()
                .set(Settings.BLOCKED_TERMS, terms)
                .set(Settings.MASK_PII, settings.maskPii())
                .set(Settings.BLOCK_PROMPT_INJECTION, settings.blockPromptInjection())
                .set(Settings.USE_OPENAI_MODERATION, settings.useOpenAiModeration())
                .set(Settings.UPDATED_AT, Instant.now())
                .execute();
    }

    /** Logging must not turn a decision into a failure: the caller still gets the verdict. */
    private void logDecision(UUID orgId, Stage stage, Decision decision, @Nullable String subjectRef) {
        try {
            String excerpt = decision.text().length() <= EXCERPT
                    ? decision.text()
                    : decision.text().substring(0, EXCERPT) + "…";
            tx.inOrg(
                    orgId,
                    () -> db.insertInto(Decisions.T)
                            .set(Decisions.ORG_ID, orgId)
                            .set(Decisions.STAGE, stage.name().toLowerCase(Locale.ROOT))
                            .set(Decisions.VERDICT, decision.verdict().name().toLowerCase(Locale.ROOT))
                            .set(Decisions.FINDINGS, JSONB.valueOf(json.writeValueAsString(decision.findings())))
                            .set(Decisions.SUBJECT_REF, subjectRef)
                            .set(Decisions.EXCERPT, excerpt)
                            .execute());
        } catch (RuntimeException e) {
            log.warn("Could not log a moderation decision of org {}: {}", orgId, e.getMessage());
        }
    }
}
