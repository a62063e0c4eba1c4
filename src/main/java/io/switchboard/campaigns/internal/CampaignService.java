package io.switchboard.campaigns.internal;

import static io.switchboard.campaigns.internal.CampaignTables.Campaigns;
import static io.switchboard.campaigns.internal.CampaignTables.CsvRows;
import static io.switchboard.campaigns.internal.CampaignTables.Recipients;

import io.switchboard.billing.Credits;
import io.switchboard.campaigns.CampaignCompleted;
import io.switchboard.channels.ChannelDirectory;
import io.switchboard.channels.ChannelTemplates;
import io.switchboard.contacts.ContactAudiences;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Campaigns as the dashboard and the API see them: drafts, audiences, schedule, controls and progress. */
@Service
class CampaignService {

    static final int MAX_CSV_ROWS = 200_000;
    /** Part of the channel's cap left for replies and inbound conversations when no rate is given. */
    static final double DEFAULT_SHARE_OF_CAP = 0.8;

    private final DSLContext db;
    private final JsonMapper json;
    private final TemplateService templates;
    private final ChannelDirectory channels;
    private final ChannelTemplates channelTemplates;
    private final ContactAudiences audiences;
    private final Credits credits;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Map<String, Long> prices;

    CampaignService(
            DSLContext db,
            JsonMapper json,
            TemplateService templates,
            ChannelDirectory channels,
            ChannelTemplates channelTemplates,
            ContactAudiences audiences,
            Credits credits,
            AuditLog audit,
            ApplicationEventPublisher events,
            @Value("${switchboard.campaigns.price-minor.whatsapp:8}") long whatsAppPrice,
            @Value("${switchboard.campaigns.price-minor.sms:5}") long smsPrice) {
        this.db = db;
        this.json = json;
        this.templates = templates;
        this.channels = channels;
        this.channelTemplates = channelTemplates;
        this.audiences = audiences;
        this.credits = credits;
        this.audit = audit;
        this.events = events;
        // credits per message by channel type; sandbox and web chat cost nothing
        this.prices = Map.of("whatsapp_cloud", whatsAppPrice, "twilio_whatsapp", whatsAppPrice, "twilio_sms", smsPrice);
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "CampaignAudience")
    record AudienceInput(
            @Nullable List<String> tags,
            @Nullable Map<String, String> attributes,
            @Nullable Integer activeWithinDays,
            @Nullable Integer inactiveForDays,
            @Nullable Boolean channelIdentity) {}

    /**
     * @param audienceType filter (tags, attributes, last activity, channel identity) or csv (upload a file next)
     * @param variableSources template variable → contact.name, contact.phone, attribute.&lt;key&gt;,
     *     column.&lt;csv column&gt; or text:&lt;fixed text&gt;
     * @param ratePerSecond messages per second; default 80 % of the channel's cap
     */
    record CampaignInput(
            @Nullable String name,
            @Nullable UUID templateId,
            @Nullable String audienceType,
            @Nullable AudienceInput audience,
            @Nullable Map<String, String> variableSources,
            @Nullable Boolean requireConsent,
            @Nullable Double ratePerSecond) {}

    record AudiencePreviewInput(
            @Nullable UUID channelId,
            @Nullable AudienceInput audience,
            @Nullable Boolean requireConsent) {}

    /** @param matching contacts found; eligible = matching − optedOut − noConsent */
    record AudienceCounts(long matching, long eligible, long optedOut, long noConsent) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CampaignCsvProblem")
    record CsvProblem(long line, String field, String message) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CampaignCsvReport")
    record CsvReport(long rows, long accepted, long failed, List<CsvProblem> problems) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CampaignFailureReason")
    record FailureReason(String reason, long count) {}

    /**
     * Live counts. total = recipients written by the fan-out; pending + queued + sent + delivered + read +
     * failed + skipped = total (replied and optedOut overlap the others).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CampaignProgress")
    record Progress(
            long total,
            long pending,
            long queued,
            long sent,
            long delivered,
            long read,
            long replied,
            long failed,
            long skipped,
            long optedOut,
            double percentDone,
            @Nullable Long etaSeconds,
            List<FailureReason> failureReasons) {}

    record CampaignView(
            UUID id,
            String name,
            UUID channelId,
            UUID templateId,
            String templateName,
            String audienceType,
            @Nullable AudienceInput audience,
            Map<String, String> variableSources,
            boolean requireConsent,
            String status,
            @Nullable Instant scheduledAt,
            String timeZone,
            double ratePerSecond,
            long pricePerMessageMinor,
            long excludedOptedOut,
            long excludedNoConsent,
            long csvRows,
            long csvFailed,
            @Nullable Instant startedAt,
            @Nullable Instant completedAt,
            Instant createdAt,
            Progress progress) {}

    /** @param sendAt local date-time in {@code timeZone} (e.g. 2026-12-01T09:00); absent = now */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CampaignSchedule")
    record ScheduleInput(@Nullable String sendAt, @Nullable String timeZone) {}

    @Transactional
    CampaignView create(CampaignInput input) {
        var principal = CurrentPrincipal.get().require(Role.ADMIN);
        UUID orgId = principal.orgId();
        String name = input.name() == null ? "" : input.name().trim();
        if (name.isEmpty() || name.length() > 200) throw ApiProblem.invalidField("name", "must be 1-200 characters");
        if (input.templateId() == null) throw ApiProblem.invalidField("templateId", "is required");
        var template = templates
                .find(orgId, input.templateId())
                .orElseThrow(() -> ApiProblem.invalidField("templateId", "is not a template of this organisation"));
        String type = input.audienceType() == null ? "filter" : input.audienceType();
        if (!Set.of("filter", "csv").contains(type))
            throw ApiProblem.invalidField("audienceType", "must be filter or csv");
        AudienceInput audience = type.equals("filter")
                ? validAudience(
                        input.audience() == null ? new AudienceInput(null, null, null, null, null) : input.audience())
                : null;
        Map<String, String> sources = input.variableSources() == null ? Map.of() : input.variableSources();
        for (var variable : template.variables()) {
            String source = sources.get(variable.name());
            if (source == null || source.isBlank()) {
                throw ApiProblem.invalidField(
                        "variableSources." + variable.name(),
                        "is required: where {{" + variable.name()
                                + "}} comes from (contact.name, attribute.<key>, column.<csv column> or text:<value>)");
            }
            if (!source.matches(
                    "contact\\.(name|phone)|attribute\\.[A-Za-z0-9_ -]+|column\\.[A-Za-z0-9_ -]+|text:.*")) {
                throw ApiProblem.invalidField(
                        "variableSources." + variable.name(),
                        "must be contact.name, contact.phone, attribute.<key>, column.<csv column> or text:<value>");
            }
            if (source.startsWith("column.") && !type.equals("csv")) {
                throw ApiProblem.invalidField(
                        "variableSources." + variable.name(),
                        "uses a CSV column, but the audience is not a CSV upload");
            }
        }
        double cap = channelTemplates.sendRate(orgId, template.channelId()).orElse(1.0);
        double rate = input.ratePerSecond() == null
                ? Math.max(0.1, Math.floor(cap * DEFAULT_SHARE_OF_CAP * 10) / 10)
                : input.ratePerSecond();
        if (!(rate > 0) || rate > cap) {
            throw ApiProblem.invalidField(
                    "ratePerSecond", "must be above 0 and at most the channel's cap of " + cap + " per second");
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("type", type);
        if (audience != null) stored.put("filter", audience);
        db.insertInto(Campaigns.T)
                .set(Campaigns.ID, id)
                .set(Campaigns.ORG_ID, orgId)
                .set(Campaigns.NAME, name)
                .set(Campaigns.CHANNEL_ID, template.channelId())
                .set(Campaigns.TEMPLATE_ID, template.id())
                .set(Campaigns.VARIABLE_SOURCES, JSONB.valueOf(json.writeValueAsString(sources)))
                .set(Campaigns.AUDIENCE, JSONB.valueOf(json.writeValueAsString(stored)))
                .set(Campaigns.REQUIRE_CONSENT, Boolean.TRUE.equals(input.requireConsent()))
                .set(Campaigns.STATUS, "draft")
                .set(Campaigns.RATE_PER_SECOND, rate)
                .set(Campaigns.PRICE_MINOR, prices.getOrDefault(template.channelType(), 0L))
                .set(Campaigns.CREATED_BY, principal.userId())
                .execute();
        audit.record("campaign.created", "campaign", id.toString(), Map.of("name", name));
        return get(id);
    }

    private static AudienceInput validAudience(AudienceInput a) {
        if (a.activeWithinDays() != null && a.activeWithinDays() < 1)
            throw ApiProblem.invalidField("audience.activeWithinDays", "must be at least 1");
        if (a.inactiveForDays() != null && a.inactiveForDays() < 1)
            throw ApiProblem.invalidField("audience.inactiveForDays", "must be at least 1");
        return new AudienceInput(
                a.tags() == null
                        ? List.of()
                        : a.tags().stream()
                                .map(String::trim)
                                .filter(t -> !t.isEmpty())
                                .toList(),
                a.attributes() == null ? Map.of() : a.attributes(),
                a.activeWithinDays(),
                a.inactiveForDays(),
                Boolean.TRUE.equals(a.channelIdentity()));
    }

    static ContactAudiences.Filter filter(AudienceInput a, UUID channelId) {
        return new ContactAudiences.Filter(
                a.tags() == null ? List.of() : a.tags(),
                a.attributes() == null ? Map.of() : a.attributes(),
                a.activeWithinDays(),
                a.inactiveForDays(),
                Boolean.TRUE.equals(a.channelIdentity()) ? channelId : null);
    }

    AudienceCounts previewAudience(AudiencePreviewInput input) {
        UUID orgId = CurrentPrincipal.get().orgId();
        if (input.channelId() == null) throw ApiProblem.invalidField("channelId", "is required");
        channels.find(orgId, input.channelId())
                .orElseThrow(() -> ApiProblem.invalidField("channelId", "is not a channel of this organisation"));
        var audience = validAudience(
                input.audience() == null ? new AudienceInput(null, null, null, null, null) : input.audience());
        var counts = audiences.count(
                orgId, filter(audience, input.channelId()), Boolean.TRUE.equals(input.requireConsent()));
        return new AudienceCounts(counts.matching(), counts.eligible(), counts.optedOut(), counts.noConsent());
    }

    /** The campaign's audience now (before the fan-out), exclusions counted. */
    AudienceCounts audienceOf(UUID orgId, Record c) {
        boolean consent = c.get(Campaigns.REQUIRE_CONSENT);
        AudienceInput filter = storedFilter(c);
        if (filter != null) {
            var counts = audiences.count(orgId, filter(filter, c.get(Campaigns.CHANNEL_ID)), consent);
            return new AudienceCounts(counts.matching(), counts.eligible(), counts.optedOut(), counts.noConsent());
        }
        long matching = 0;
        long optedOut = 0;
        long noConsent = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            List<UUID> ids = db.select(CsvRows.CONTACT_ID)
                    .from(CsvRows.T)
                    .where(CsvRows.CAMPAIGN_ID.eq(c.get(Campaigns.ID)), CsvRows.CONTACT_ID.gt(after))
                    .orderBy(CsvRows.CONTACT_ID)
                    .limit(5000)
                    .fetch(CsvRows.CONTACT_ID);
            if (ids.isEmpty()) break;
            matching += ids.size();
            for (String reason : audiences.exclusions(orgId, ids, consent).values()) {
                if (reason.equals(ContactAudiences.OPTED_OUT)) optedOut++;
                else noConsent++;
            }
            after = ids.getLast();
        }
        return new AudienceCounts(matching, matching - optedOut - noConsent, optedOut, noConsent);
    }

    AudienceCounts audience(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return audienceOf(orgId, row(orgId, id));
    }

    @Nullable
    AudienceInput storedFilter(Record c) {
        var node = json.readTree(c.get(Campaigns.AUDIENCE).data());
        if (!"filter".equals(node.path("type").asString())) return null;
        return json.treeToValue(node.get("filter"), AudienceInput.class);
    }

    /** Replaces the CSV audience of a draft: read as a stream, each bad line reported with its field. */
    @Transactional
    CsvReport uploadCsv(UUID id, InputStream csv) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var c = row(orgId, id);
        if (!c.get(Campaigns.STATUS).equals("draft"))
            throw ApiProblem.conflict("campaign-not-draft", "Only a draft's audience can be replaced");
        if (storedFilter(c) != null)
            throw ApiProblem.conflict("audience-not-csv", "This campaign's audience is a filter, not a CSV upload");
        db.deleteFrom(CsvRows.T).where(CsvRows.CAMPAIGN_ID.eq(id)).execute();
        long rows = 0;
        long accepted = 0;
        List<CsvProblem> problems = new ArrayList<>();
        long failed = 0;
        Map<UUID, Long> seen = new HashMap<>();
        List<org.jooq.Query> batch = new ArrayList<>();
        try (Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .get()
                    .parse(reader);
            List<String> headers =
                    parser.getHeaderNames().stream().map(h -> h.trim()).toList();
            if (headers.stream().noneMatch(h -> h.equalsIgnoreCase("phone"))) {
                throw ApiProblem.invalidField(
                        "file", "needs a header row with a phone column (other columns become variables)");
            }
            for (CSVRecord record : parser) {
                rows++;
                if (rows > MAX_CSV_ROWS)
                    throw ApiProblem.invalidField("file", "has more than " + MAX_CSV_ROWS + " rows; split it");
                long line = record.getRecordNumber() + 1;
                Map<String, String> columns = new LinkedHashMap<>();
                for (int i = 0; i < headers.size() && i < record.size(); i++)
                    columns.put(headers.get(i), record.get(i));
                String phone = value(columns, "phone");
                try {
                    if (phone == null) throw ApiProblem.invalidField("phone", "is empty");
                    var contact = audiences.ensureByPhone(
                            orgId, phone, value(columns, "name"), value(columns, "country_code"));
                    Long earlier = seen.putIfAbsent(contact.id(), line);
                    if (earlier != null)
                        throw ApiProblem.invalidField("phone", "is the same contact as line " + earlier);
                    batch.add(db.insertInto(CsvRows.T)
                            .set(CsvRows.ORG_ID, orgId)
                            .set(CsvRows.CAMPAIGN_ID, id)
                            .set(CsvRows.CONTACT_ID, contact.id())
                            .set(CsvRows.LINE, line)
                            .set(CsvRows.COLUMNS, JSONB.valueOf(json.writeValueAsString(columns))));
                    accepted++;
                    if (batch.size() >= 500) {
                        db.batch(batch).execute();
                        batch.clear();
                    }
                } catch (ApiProblem problem) {
                    failed++;
                    if (problems.size() < 200)
                        problems.add(new CsvProblem(line, fieldOf(problem), problem.getMessage()));
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw ApiProblem.invalidField("file", "is not readable CSV: " + e.getMessage());
        }
        if (!batch.isEmpty()) db.batch(batch).execute();
        db.update(Campaigns.T)
                .set(Campaigns.CSV_ROWS, (int) rows)
                .set(Campaigns.CSV_FAILED, (int) failed)
                .set(Campaigns.UPDATED_AT, Instant.now())
                .where(Campaigns.ID.eq(id))
                .execute();
        return new CsvReport(rows, accepted, failed, problems);
    }

    private static @Nullable String value(Map<String, String> columns, String name) {
        for (var e : columns.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name))
                return e.getValue() == null || e.getValue().isBlank() ? null : e.getValue();
        }
        return null;
    }

    private static String fieldOf(ApiProblem problem) {
        var errors = problem.properties().get("errors");
        return errors instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> m
                ? String.valueOf(m.get("field"))
                : "row";
    }

    /** Schedules a draft now or at a local time; checks the template, the audience and the credits first. */
    @Transactional
    CampaignView schedule(UUID id, ScheduleInput input) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var c = row(orgId, id);
        if (!c.get(Campaigns.STATUS).equals("draft")) {
            throw ApiProblem.conflict(
                    "campaign-not-draft", "The campaign is " + c.get(Campaigns.STATUS) + "; only drafts are scheduled");
        }
        String zone = input.timeZone() == null || input.timeZone().isBlank() ? "UTC" : input.timeZone();
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiProblem.invalidField("timeZone", "is not a time zone (use an IANA name such as Europe/Paris)");
        }
        Instant at = Instant.now();
        if (input.sendAt() != null && !input.sendAt().isBlank()) {
            try {
                at = LocalDateTime.parse(input.sendAt()).atZone(zoneId).toInstant();
            } catch (DateTimeException e) {
                throw ApiProblem.invalidField("sendAt", "must be a local date-time such as 2026-12-01T09:00");
            }
            if (at.isBefore(Instant.now().minusSeconds(60))) throw ApiProblem.invalidField("sendAt", "is in the past");
            if (at.isAfter(Instant.now().plus(Duration.ofDays(6)))) {
                throw ApiProblem.invalidField(
                        "sendAt", "is more than 6 days ahead (credits are held for at most 7 days)");
            }
        }
        var template = templates.find(orgId, c.get(Campaigns.TEMPLATE_ID)).orElseThrow();
        if (!template.usable()) {
            throw ApiProblem.conflict(
                    "template-not-approved",
                    "The template " + template.name() + " is " + template.status()
                            + "; it must be approved by WhatsApp first");
        }
        var counts = audienceOf(orgId, c);
        if (counts.eligible() == 0) {
            throw ApiProblem.conflict(
                    "empty-audience",
                    "No contact of the audience may be messaged (" + counts.matching() + " found, " + counts.optedOut()
                            + " opted out, " + counts.noConsent() + " without consent)");
        }
        UUID holdId = null;
        long price = c.get(Campaigns.PRICE_MINOR);
        if (price > 0) {
            long needed = price * counts.eligible();
            var balance = credits.balance(orgId);
            if (balance.availableMinor() < needed) {
                var props = new LinkedHashMap<String, Object>();
                props.put("recipients", counts.eligible());
                props.put("pricePerMessageMinor", price);
                props.put("neededMinor", needed);
                props.put("availableMinor", balance.availableMinor());
                props.put("currency", balance.currency());
                long fits = balance.availableMinor() / price;
                throw ApiProblem.of(
                        HttpStatus.PAYMENT_REQUIRED,
                        "insufficient-credits",
                        "Not enough credits for this campaign",
                        "Sending to " + counts.eligible() + " contacts needs " + needed + " credits (" + price
                                + " per message) but " + balance.availableMinor()
                                + " are available: top up, or narrow the audience to at most "
                                + fits + " contacts",
                        props);
            }
            Duration ttl = Duration.between(Instant.now(), at).plus(Duration.ofDays(1));
            holdId = credits.reserve(
                            orgId,
                            needed,
                            "campaign " + c.get(Campaigns.NAME),
                            ttl.compareTo(Duration.ofDays(7)) > 0 ? Duration.ofDays(7) : ttl,
                            "campaign:" + id)
                    .id();
        }
        db.update(Campaigns.T)
                .set(Campaigns.STATUS, "scheduled")
                .set(Campaigns.SCHEDULED_AT, at)
                .set(Campaigns.TIME_ZONE, zone)
                .set(Campaigns.CREDIT_HOLD_ID, holdId)
                .set(Campaigns.UPDATED_AT, Instant.now())
                .where(Campaigns.ID.eq(id))
                .execute();
        audit.record(
                "campaign.scheduled",
                "campaign",
                id.toString(),
                Map.of("at", at.toString(), "recipients", counts.eligible()));
        return get(id);
    }

    @Transactional
    CampaignView pause(UUID id) {
        return move(id, Set.of("scheduled", "running"), "paused", "campaign.paused");
    }

    @Transactional
    CampaignView resume(UUID id) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var c = row(orgId, id);
        if (!c.get(Campaigns.STATUS).equals("paused"))
            throw ApiProblem.conflict("campaign-not-paused", "The campaign is " + c.get(Campaigns.STATUS));
        String next = c.get(Campaigns.STARTED_AT) == null ? "scheduled" : "running";
        return move(id, Set.of("paused"), next, "campaign.resumed");
    }

    /** Stops for good: nothing more is queued (messages already in the channel's queue still go out). */
    @Transactional
    CampaignView cancel(UUID id) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var view = move(id, Set.of("draft", "scheduled", "running", "paused"), "cancelled", "campaign.cancelled");
        db.update(Recipients.T)
                .set(Recipients.STATUS, "skipped")
                .set(Recipients.ERROR, "campaign cancelled")
                .where(Recipients.CAMPAIGN_ID.eq(id), Recipients.STATUS.eq("pending"))
                .execute();
        finishCredits(orgId, row(orgId, id));
        var p = view.progress();
        events.publishEvent(new CampaignCompleted(
                orgId, id, "cancelled", p.queued() + p.sent() + p.delivered() + p.read(), p.failed(), p.skipped()));
        return get(id);
    }

    /** Spends the price of what was handed to the channel, releases the rest. */
    void finishCredits(UUID orgId, Record c) {
        UUID holdId = c.get(Campaigns.CREDIT_HOLD_ID);
        if (holdId == null) return;
        long queued = db.fetchCount(
                Recipients.T, Recipients.CAMPAIGN_ID.eq(c.get(Campaigns.ID)).and(Recipients.STATUS.eq("queued")));
        credits.settle(orgId, holdId, queued * c.get(Campaigns.PRICE_MINOR));
    }

    private CampaignView move(UUID id, Set<String> from, String to, String action) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var c = row(orgId, id);
        if (!from.contains(c.get(Campaigns.STATUS))) {
            throw ApiProblem.conflict(
                    "campaign-" + c.get(Campaigns.STATUS),
                    "The campaign is " + c.get(Campaigns.STATUS) + "; it cannot become " + to);
        }
        var update = db.update(Campaigns.T).set(Campaigns.STATUS, to).set(Campaigns.UPDATED_AT, Instant.now());
        if (to.equals("cancelled")) update = update.set(Campaigns.COMPLETED_AT, Instant.now());
        update.where(Campaigns.ID.eq(id), Campaigns.STATUS.eq(c.get(Campaigns.STATUS)))
                .execute();
        audit.record(action, "campaign", id.toString(), Map.of());
        return get(id);
    }

    @Transactional
    void delete(UUID id) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var c = row(orgId, id);
        if (!Set.of("draft", "completed", "cancelled").contains(c.get(Campaigns.STATUS))) {
            throw ApiProblem.conflict("campaign-active", "Cancel the campaign before deleting it");
        }
        db.deleteFrom(Campaigns.T)
                .where(Campaigns.ORG_ID.eq(orgId), Campaigns.ID.eq(id))
                .execute();
        audit.record("campaign.deleted", "campaign", id.toString(), Map.of());
    }

    Record row(UUID orgId, UUID id) {
        return db.select(Campaigns.ALL)
                .from(Campaigns.T)
                .where(Campaigns.ORG_ID.eq(orgId), Campaigns.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Campaign " + id));
    }

    CampaignView get(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return view(orgId, row(orgId, id));
    }

    PageResponse<CampaignView> list(PageQuery page) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return Pages.fetch(
                db,
                page,
                db.select(Campaigns.ALL)
                        .from(Campaigns.T)
                        .where(Campaigns.ORG_ID.eq(orgId))
                        .orderBy(Campaigns.CREATED_AT.desc(), Campaigns.ID),
                r -> view(orgId, r));
    }

    CampaignView view(UUID orgId, Record c) {
        UUID id = c.get(Campaigns.ID);
        String templateName = templates
                .find(orgId, c.get(Campaigns.TEMPLATE_ID))
                .map(t -> t.name())
                .orElse("?");
        AudienceInput filter = storedFilter(c);
        return new CampaignView(
                id,
                c.get(Campaigns.NAME),
                c.get(Campaigns.CHANNEL_ID),
                c.get(Campaigns.TEMPLATE_ID),
                templateName,
                filter == null ? "csv" : "filter",
                filter,
                json.readValue(c.get(Campaigns.VARIABLE_SOURCES).data(), new TypeReference<Map<String, String>>() {}),
                c.get(Campaigns.REQUIRE_CONSENT),
                c.get(Campaigns.STATUS),
                c.get(Campaigns.SCHEDULED_AT),
                c.get(Campaigns.TIME_ZONE),
                c.get(Campaigns.RATE_PER_SECOND),
                c.get(Campaigns.PRICE_MINOR),
                c.get(Campaigns.EXCLUDED_OPTED_OUT),
                c.get(Campaigns.EXCLUDED_NO_CONSENT),
                c.get(Campaigns.CSV_ROWS),
                c.get(Campaigns.CSV_FAILED),
                c.get(Campaigns.STARTED_AT),
                c.get(Campaigns.COMPLETED_AT),
                c.get(Campaigns.CREATED_AT),
                progress(id, c.get(Campaigns.STATUS), c.get(Campaigns.RATE_PER_SECOND)));
    }

    Progress progress(UUID id, String status, double rate) {
        var state = DSL.coalesce(Recipients.DELIVERY_STATE, DSL.inline(""));
        var r = db.select(
                        DSL.count(),
                        DSL.count().filterWhere(Recipients.STATUS.eq("pending")),
                        DSL.count().filterWhere(Recipients.STATUS.eq("queued").and(state.eq("queued"))),
                        DSL.count().filterWhere(Recipients.STATUS.eq("queued").and(state.eq("sent"))),
                        DSL.count().filterWhere(Recipients.STATUS.eq("queued").and(state.eq("delivered"))),
                        DSL.count().filterWhere(Recipients.STATUS.eq("queued").and(state.eq("read"))),
                        DSL.count().filterWhere(Recipients.REPLIED_AT.isNotNull()),
                        DSL.count().filterWhere(Recipients.STATUS.eq("failed").or(state.eq("failed"))),
                        DSL.count().filterWhere(Recipients.STATUS.eq("skipped")),
                        DSL.count().filterWhere(Recipients.OPTED_OUT_AT.isNotNull()))
                .from(Recipients.T)
                .where(Recipients.CAMPAIGN_ID.eq(id))
                .fetchOne();
        long total = r.value1();
        long pending = r.value2();
        var reasons = db.select(Recipients.ERROR, DSL.count())
                .from(Recipients.T)
                .where(
                        Recipients.CAMPAIGN_ID.eq(id),
                        Recipients.ERROR.isNotNull(),
                        Recipients.STATUS.in("failed", "queued"))
                .groupBy(Recipients.ERROR)
                .orderBy(DSL.count().desc())
                .limit(5)
                .fetch(x -> new FailureReason(x.value1(), x.value2()));
        Long eta = status.equals("running") && rate > 0 ? (long) Math.ceil(pending / rate) : null;
        double done = total == 0 ? 0 : Math.round(1000.0 * (total - pending) / total) / 10.0;
        return new Progress(
                total,
                pending,
                r.value3(),
                r.value4(),
                r.value5(),
                r.value6(),
                r.value7(),
                r.value8(),
                r.value9(),
                r.value10(),
                done,
                eta,
                reasons);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
