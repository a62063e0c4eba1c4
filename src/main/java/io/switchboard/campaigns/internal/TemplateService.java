package io.switchboard.campaigns.internal;

import static io.switchboard.campaigns.internal.CampaignTables.Templates;

import io.switchboard.channels.ChannelDirectory;
import io.switchboard.channels.ChannelTemplates;
import io.switchboard.channels.TemplateStatusReported;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Message templates per channel. WhatsApp templates start as drafts and are submitted to Meta; their
 * status comes back by webhook ({@link TemplateStatusReported}) or by polling. Templates of other
 * channels are local and usable at once.
 */
@Service
class TemplateService {

    private static final Logger log = LoggerFactory.getLogger(TemplateService.class);
    static final Set<String> CATEGORIES = Set.of("marketing", "utility", "authentication");
    static final Set<String> BUTTON_TYPES = Set.of("quick_reply", "url", "phone_number");

    private final DSLContext db;
    private final JsonMapper json;
    private final ChannelDirectory channels;
    private final ChannelTemplates reviews;
    private final ScopedTransactions tx;
    private final AuditLog audit;

    TemplateService(
            DSLContext db,
            JsonMapper json,
            ChannelDirectory channels,
            ChannelTemplates reviews,
            ScopedTransactions tx,
            AuditLog audit) {
        this.db = db;
        this.json = json;
        this.channels = channels;
        this.reviews = reviews;
        this.tx = tx;
        this.audit = audit;
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "TemplateVariable")
    record Variable(String name, String sample) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "TemplateButton")
    record Button(
            String type,
            String text,
            @Nullable String url,
            @Nullable String phoneNumber) {}

    record TemplateInput(
            @Nullable UUID channelId,
            @Nullable String name,
            @Nullable String language,
            @Nullable String category,
            @Nullable String header,
            @Nullable String body,
            @Nullable String footer,
            @Nullable List<Button> buttons,
            @Nullable List<Variable> variables) {}

    /**
     * @param status local (usable at once), draft, pending, approved, rejected, paused or disabled
     * @param usable whether campaigns may send it now
     */
    record TemplateView(
            UUID id,
            UUID channelId,
            String channelType,
            String name,
            String language,
            String category,
            @Nullable String header,
            String body,
            @Nullable String footer,
            List<Button> buttons,
            List<Variable> variables,
            String status,
            @Nullable String statusReason,
            @Nullable String providerTemplateId,
            boolean reviewed,
            boolean usable,
            @Nullable Instant submittedAt,
            Instant createdAt,
            Instant updatedAt) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "TemplatePreview")
    record Preview(
            @Nullable String header, String body, @Nullable String footer, List<Button> buttons) {}

    @Transactional
    TemplateView create(TemplateInput input) {
        var principal = CurrentPrincipal.get().require(Role.ADMIN);
        UUID orgId = principal.orgId();
        if (input.channelId() == null) throw ApiProblem.invalidField("channelId", "is required");
        var channel = channels.find(orgId, input.channelId())
                .orElseThrow(() -> ApiProblem.invalidField("channelId", "is not a channel of this organisation"));
        String name = input.name() == null ? "" : input.name().trim();
        if (!name.matches("[a-z0-9_]{1,512}")) {
            throw ApiProblem.invalidField("name", "must be 1-512 lower case letters, digits or _ (WhatsApp's rule)");
        }
        String language = input.language() == null ? "" : input.language().trim();
        if (!language.matches("[a-z]{2,3}(_[A-Z]{2})?")) {
            throw ApiProblem.invalidField("language", "must be a language code such as en, en_US or pt_BR");
        }
        String category =
                input.category() == null ? "" : input.category().trim().toLowerCase(java.util.Locale.ROOT);
        if (!CATEGORIES.contains(category)) {
            throw ApiProblem.invalidField("category", "must be marketing, utility or authentication");
        }
        if (input.body() == null || input.body().isBlank()) throw ApiProblem.invalidField("body", "is required");
        if (input.body().length() > 1024) throw ApiProblem.invalidField("body", "is longer than 1024 characters");
        if (input.header() != null && input.header().length() > 60) {
            throw ApiProblem.invalidField("header", "is longer than 60 characters");
        }
        if (input.footer() != null && input.footer().length() > 60) {
            throw ApiProblem.invalidField("footer", "is longer than 60 characters");
        }
        if (input.footer() != null && !TemplateText.variables(input.footer()).isEmpty()) {
            throw ApiProblem.invalidField("footer", "may not contain variables");
        }
        List<String> names = TemplateText.variables(input.header(), input.body());
        String problem = TemplateText.problem(names);
        if (problem != null) throw ApiProblem.invalidField("body", problem);
        Map<String, String> samples = new LinkedHashMap<>();
        List<Variable> given = input.variables() == null ? List.of() : input.variables();
        for (int i = 0; i < given.size(); i++) {
            var v = given.get(i);
            if (v == null || v.name() == null || !names.contains(v.name())) {
                throw ApiProblem.invalidField("variables[" + i + "].name", "is not a variable of the header or body");
            }
            samples.put(v.name(), v.sample());
        }
        List<Variable> variables = new ArrayList<>();
        for (String n : names) {
            String sample = samples.get(n);
            if (sample == null || sample.isBlank()) {
                throw ApiProblem.invalidField(
                        "variables", "needs a sample value for {{" + n + "}} (Meta reviews templates with samples)");
            }
            variables.add(new Variable(n, sample));
        }
        List<Button> buttons = input.buttons() == null ? List.of() : input.buttons();
        if (buttons.size() > 10) throw ApiProblem.invalidField("buttons", "has more than 10 buttons");
        for (int i = 0; i < buttons.size(); i++) {
            var b = buttons.get(i);
            if (b == null || b.type() == null || !BUTTON_TYPES.contains(b.type())) {
                throw ApiProblem.invalidField("buttons[" + i + "].type", "must be quick_reply, url or phone_number");
            }
            if (b.text() == null || b.text().isBlank() || b.text().length() > 25) {
                throw ApiProblem.invalidField("buttons[" + i + "].text", "must be 1-25 characters");
            }
            if (b.type().equals("url") && (b.url() == null || !b.url().startsWith("https://"))) {
                throw ApiProblem.invalidField("buttons[" + i + "].url", "must be an https:// URL");
            }
            if (b.type().equals("phone_number")
                    && (b.phoneNumber() == null || !b.phoneNumber().matches("\\+[1-9]\\d{6,14}"))) {
                throw ApiProblem.invalidField(
                        "buttons[" + i + "].phoneNumber", "must be an E.164 number such as +14155550100");
            }
        }
        boolean reviewed = reviews.reviewsTemplates(orgId, channel.id());
        boolean exists = db.fetchExists(db.selectOne()
                .from(Templates.T)
                .where(
                        Templates.ORG_ID.eq(orgId),
                        Templates.CHANNEL_ID.eq(channel.id()),
                        Templates.NAME.eq(name),
                        Templates.LANGUAGE.eq(language)));
        if (exists) {
            throw ApiProblem.invalidField("name", "is already used by a template of this channel in " + language);
        }
        UUID id = UUID.randomUUID();
        db.insertInto(Templates.T)
                .set(Templates.ID, id)
                .set(Templates.ORG_ID, orgId)
                .set(Templates.CHANNEL_ID, channel.id())
                .set(Templates.NAME, name)
                .set(Templates.LANGUAGE, language)
                .set(Templates.CATEGORY, category)
                .set(Templates.HEADER, blankToNull(input.header()))
                .set(Templates.BODY, input.body())
                .set(Templates.FOOTER, blankToNull(input.footer()))
                .set(Templates.BUTTONS, JSONB.valueOf(json.writeValueAsString(buttons)))
                .set(Templates.VARIABLES, JSONB.valueOf(json.writeValueAsString(variables)))
                .set(Templates.STATUS, reviewed ? "draft" : "local")
                .execute();
        audit.record(
                "template.created",
                "template",
                id.toString(),
                Map.of("name", name, "channelId", channel.id().toString()));
        return get(id);
    }

    TemplateView get(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return find(orgId, id).orElseThrow(() -> ApiProblem.notFound("Template " + id));
    }

    Optional<TemplateView> find(UUID orgId, UUID id) {
        return db.select(Templates.ALL)
                .from(Templates.T)
                .where(Templates.ORG_ID.eq(orgId), Templates.ID.eq(id))
                .fetchOptional()
                .map(r -> view(orgId, r));
    }

    PageResponse<TemplateView> list(PageQuery page, @Nullable UUID channelId) {
        UUID orgId = CurrentPrincipal.get().orgId();
        var where = Templates.ORG_ID.eq(orgId);
        if (channelId != null) where = where.and(Templates.CHANNEL_ID.eq(channelId));
        return Pages.fetch(
                db,
                page,
                db.select(Templates.ALL)
                        .from(Templates.T)
                        .where(where)
                        .orderBy(Templates.CREATED_AT.desc(), Templates.ID),
                r -> view(orgId, r));
    }

    @Transactional
    void delete(UUID id) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        get(id);
        boolean used = db.fetchExists(db.selectOne()
                .from(CampaignTables.Campaigns.T)
                .where(CampaignTables.Campaigns.ORG_ID.eq(orgId), CampaignTables.Campaigns.TEMPLATE_ID.eq(id)));
        if (used)
            throw ApiProblem.conflict("template-in-use", "A campaign uses this template; delete the campaign first");
        db.deleteFrom(Templates.T)
                .where(Templates.ORG_ID.eq(orgId), Templates.ID.eq(id))
                .execute();
        audit.record("template.deleted", "template", id.toString(), Map.of());
    }

    /** Sends a draft (or a rejected template, edited or not) to the provider's review. */
    TemplateView submit(UUID id) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var template = get(id);
        if (!template.reviewed()) {
            throw ApiProblem.conflict(
                    "template-local",
                    "Templates of " + template.channelType() + " channels are local and need no review");
        }
        if (!Set.of("draft", "rejected").contains(template.status())) {
            throw ApiProblem.conflict(
                    "template-already-submitted",
                    "The template is " + template.status() + "; only drafts and rejected templates are submitted");
        }
        var review = reviews.submit(
                orgId,
                template.channelId(),
                new ChannelTemplates.TemplateDraft(
                        template.name(),
                        template.language(),
                        template.category(),
                        template.header(),
                        template.body(),
                        template.footer(),
                        template.buttons().stream()
                                .map(b -> new ChannelTemplates.Button(b.type(), b.text(), b.url(), b.phoneNumber()))
                                .toList(),
                        template.variables().stream()
                                .map(v -> new ChannelTemplates.Variable(v.name(), v.sample()))
                                .toList()));
        db.update(Templates.T)
                .set(Templates.STATUS, review.status())
                .set(Templates.STATUS_REASON, review.reason())
                .set(Templates.PROVIDER_TEMPLATE_ID, review.providerTemplateId())
                .set(Templates.SUBMITTED_AT, Instant.now())
                .set(Templates.STATUS_CHECKED_AT, Instant.now())
                .set(Templates.UPDATED_AT, Instant.now())
                .where(Templates.ORG_ID.eq(orgId), Templates.ID.eq(id))
                .execute();
        audit.record(
                "template.submitted",
                "template",
                id.toString(),
                Map.of("providerTemplateId", review.providerTemplateId()));
        return get(id);
    }

    /** Asks the provider now (the dashboard's "refresh status"). */
    TemplateView sync(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        var template = get(id);
        if (template.providerTemplateId() != null) {
            reviews.status(orgId, template.channelId(), template.providerTemplateId())
                    .ifPresent(review -> apply(
                            orgId,
                            template.channelId(),
                            review.providerTemplateId(),
                            review.status(),
                            review.reason()));
        }
        return get(id);
    }

    Preview preview(UUID id, Map<String, String> values) {
        var template = get(id);
        Map<String, String> merged = new LinkedHashMap<>();
        template.variables().forEach(v -> merged.put(v.name(), v.sample()));
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) merged.put(k, v);
        });
        return new Preview(
                TemplateText.render(template.header(), merged),
                TemplateText.render(template.body(), merged),
                template.footer(),
                template.buttons());
    }

    @EventListener
    void on(TemplateStatusReported report) {
        if (apply(report.orgId(), report.channelId(), report.providerTemplateId(), report.status(), report.reason())
                == 0) {
            log.info(
                    "Template status {} for unknown template {} on channel {}",
                    report.status(),
                    report.providerTemplateId(),
                    report.channelId());
        }
    }

    private int apply(UUID orgId, UUID channelId, String providerTemplateId, String status, @Nullable String reason) {
        return db.update(Templates.T)
                .set(Templates.STATUS, status)
                .set(Templates.STATUS_REASON, reason)
                .set(Templates.STATUS_CHECKED_AT, Instant.now())
                .set(Templates.UPDATED_AT, Instant.now())
                .where(
                        Templates.ORG_ID.eq(orgId),
                        Templates.CHANNEL_ID.eq(channelId),
                        Templates.PROVIDER_TEMPLATE_ID.eq(providerTemplateId))
                .execute();
    }

    /** Webhooks can be missed (not subscribed, endpoint down): pending reviews are also polled. */
    @Scheduled(
            fixedDelayString = "${switchboard.campaigns.template-poll-interval:PT5M}",
            initialDelayString = "${switchboard.campaigns.template-poll-initial-delay:PT1M}")
    void pollPending() {
        var pending = tx.asSystem(
                "template poll",
                () -> db.select(Templates.ORG_ID, Templates.CHANNEL_ID, Templates.PROVIDER_TEMPLATE_ID)
                        .from(Templates.T)
                        .where(
                                Templates.STATUS.eq("pending"),
                                Templates.PROVIDER_TEMPLATE_ID.isNotNull(),
                                Templates.STATUS_CHECKED_AT
                                        .isNull()
                                        .or(Templates.STATUS_CHECKED_AT.lt(
                                                Instant.now().minus(Duration.ofMinutes(1)))))
                        .orderBy(Templates.STATUS_CHECKED_AT.asc().nullsFirst())
                        .limit(100)
                        .fetch());
        for (var row : pending) {
            try {
                var review = io.switchboard.shared.TenantContext.asSystem(
                        "template poll", () -> reviews.status(row.value1(), row.value2(), row.value3()));
                tx.inOrg(row.value1(), () -> {
                    if (review.isPresent()) {
                        return apply(
                                row.value1(),
                                row.value2(),
                                row.value3(),
                                review.get().status(),
                                review.get().reason());
                    }
                    return db.update(Templates.T)
                            .set(Templates.STATUS_CHECKED_AT, Instant.now())
                            .where(Templates.ORG_ID.eq(row.value1()), Templates.PROVIDER_TEMPLATE_ID.eq(row.value3()))
                            .execute();
                });
            } catch (RuntimeException e) {
                log.warn("Polling template {} failed: {}", row.value3(), e.toString());
            }
        }
    }

    private TemplateView view(UUID orgId, Record r) {
        String type = channels.find(orgId, r.get(Templates.CHANNEL_ID))
                .map(c -> c.type())
                .orElse("unknown");
        String status = r.get(Templates.STATUS);
        return new TemplateView(
                r.get(Templates.ID),
                r.get(Templates.CHANNEL_ID),
                type,
                r.get(Templates.NAME),
                r.get(Templates.LANGUAGE),
                r.get(Templates.CATEGORY),
                r.get(Templates.HEADER),
                r.get(Templates.BODY),
                r.get(Templates.FOOTER),
                json.readValue(r.get(Templates.BUTTONS).data(), new TypeReference<List<Button>>() {}),
                json.readValue(r.get(Templates.VARIABLES).data(), new TypeReference<List<Variable>>() {}),
                status,
                r.get(Templates.STATUS_REASON),
                r.get(Templates.PROVIDER_TEMPLATE_ID),
                !status.equals("local"),
                status.equals("local") || status.equals("approved"),
                r.get(Templates.SUBMITTED_AT),
                r.get(Templates.CREATED_AT),
                r.get(Templates.UPDATED_AT));
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
