package io.switchboard.campaigns.internal;

import static io.switchboard.campaigns.internal.CampaignTables.Campaigns;
import static io.switchboard.campaigns.internal.CampaignTables.CsvRows;
import static io.switchboard.campaigns.internal.CampaignTables.Recipients;

import io.switchboard.campaigns.CampaignCompleted;
import io.switchboard.channels.ChannelDirectory;
import io.switchboard.channels.OutboundPace;
import io.switchboard.contacts.ContactAudiences;
import io.switchboard.conversations.Conversations;
import io.switchboard.conversations.MessageContent;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.shared.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts due campaigns, fans each out into claim rows (one per contact, unique per campaign: running it
 * twice, on two nodes or after a crash adds nothing) and hands the claims to the channel at the
 * campaign's rate. A claim is moved to 'queued' in the same transaction that appends the message and
 * its row in the channel's queue, so a message is queued once or not at all.
 */
@Component
class CampaignDispatcher implements SmartLifecycle {

    static final int FAN_OUT_PAGE = 5000;
    private static final Logger log = LoggerFactory.getLogger(CampaignDispatcher.class);

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final JsonMapper json;
    private final CampaignService campaigns;
    private final TemplateService templates;
    private final ContactAudiences audiences;
    private final Conversations conversations;
    private final ChannelDirectory channels;
    private final RateLimiter rateLimiter;
    private final ApplicationEventPublisher events;
    private final Map<UUID, Thread> senders = new ConcurrentHashMap<>();
    private volatile boolean running;
    private @Nullable Thread supervisor;

    CampaignDispatcher(
            DSLContext db,
            ScopedTransactions tx,
            JsonMapper json,
            CampaignService campaigns,
            TemplateService templates,
            ContactAudiences audiences,
            Conversations conversations,
            ChannelDirectory channels,
            RateLimiter rateLimiter,
            ApplicationEventPublisher events) {
        this.db = db;
        this.tx = tx;
        this.json = json;
        this.campaigns = campaigns;
        this.templates = templates;
        this.audiences = audiences;
        this.conversations = conversations;
        this.channels = channels;
        this.rateLimiter = rateLimiter;
        this.events = events;
    }

    @Override
    public void start() {
        running = true;
        supervisor = Thread.ofVirtual().name("campaign-supervisor").start(this::supervise);
    }

    @Override
    public void stop() {
        running = false;
        List<Thread> all = new ArrayList<>(senders.values());
        if (supervisor != null) all.add(supervisor);
        for (Thread t : all) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 900; // stops before the channels' queue workers
    }

    private void supervise() {
        while (running) {
            try {
                tick();
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) return;
                log.warn("Campaign supervisor failed, retrying shortly: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One round: start due campaigns, fan out the started ones, keep one sender per running campaign. */
    void tick() {
        var due = tx.asSystem(
                "campaign start",
                () -> db.update(Campaigns.T)
                        .set(Campaigns.STATUS, "running")
                        .set(Campaigns.STARTED_AT, Instant.now())
                        .set(Campaigns.UPDATED_AT, Instant.now())
                        .where(Campaigns.STATUS.eq("scheduled"), Campaigns.SCHEDULED_AT.le(Instant.now()))
                        .returning(Campaigns.ID)
                        .fetch(Campaigns.ID));
        if (!due.isEmpty()) log.info("Campaigns started: {}", due);
        var active = tx.asSystem(
                "campaign list",
                () -> db.select(Campaigns.ID, Campaigns.ORG_ID, Campaigns.FANNED_OUT_AT)
                        .from(Campaigns.T)
                        .where(Campaigns.STATUS.eq("running"))
                        .fetch());
        for (var c : active) {
            UUID id = c.value1();
            UUID orgId = c.value2();
            if (c.value3() == null) {
                fanOut(orgId, id);
            }
            senders.compute(
                    id,
                    (key, thread) -> thread != null && thread.isAlive()
                            ? thread
                            : Thread.ofVirtual().name("campaign-" + id).start(() -> sendLoop(orgId, id)));
        }
    }

    /**
     * Writes a claim per eligible contact. Idempotent: ON CONFLICT DO NOTHING under UNIQUE (campaign,
     * contact), so a second node or a restart after a crash adds nothing that is already there.
     */
    long fanOut(UUID orgId, UUID campaignId) {
        var c = tx.inOrg(orgId, () -> campaigns.row(orgId, campaignId));
        boolean consent = c.get(Campaigns.REQUIRE_CONSENT);
        var filter = campaigns.storedFilter(c);
        long inserted = 0;
        long optedOut = 0;
        long noConsent = 0;
        UUID after = new UUID(0, 0);
        if (filter != null) {
            var f = CampaignService.filter(filter, c.get(Campaigns.CHANNEL_ID));
            var counts = tx.inOrg(orgId, () -> audiences.count(orgId, f, consent));
            optedOut = counts.optedOut();
            noConsent = counts.noConsent();
            while (true) {
                UUID from = after;
                List<UUID> ids = tx.inOrg(orgId, () -> audiences.eligiblePage(orgId, f, consent, from, FAN_OUT_PAGE));
                if (ids.isEmpty()) break;
                inserted += tx.inOrg(orgId, () -> db.execute("""
                        insert into campaign_recipients (org_id, campaign_id, contact_id)
                        select ?, ?, unnest(?::uuid[])
                        on conflict (campaign_id, contact_id) do nothing
                        """, orgId, campaignId, ids.toArray(UUID[]::new)));
                after = ids.getLast();
            }
        } else {
            while (true) {
                UUID from = after;
                var page = tx.inOrg(
                        orgId,
                        () -> db.select(CsvRows.CONTACT_ID, CsvRows.COLUMNS)
                                .from(CsvRows.T)
                                .where(CsvRows.CAMPAIGN_ID.eq(campaignId), CsvRows.CONTACT_ID.gt(from))
                                .orderBy(CsvRows.CONTACT_ID)
                                .limit(FAN_OUT_PAGE)
                                .fetch());
                if (page.isEmpty()) break;
                List<UUID> ids = page.map(r -> r.value1());
                Map<UUID, String> excluded = tx.inOrg(orgId, () -> audiences.exclusions(orgId, ids, consent));
                for (String reason : excluded.values()) {
                    if (reason.equals(ContactAudiences.OPTED_OUT)) optedOut++;
                    else noConsent++;
                }
                List<UUID> keep =
                        ids.stream().filter(id -> !excluded.containsKey(id)).toList();
                inserted += tx.inOrg(orgId, () -> db.execute("""
                        insert into campaign_recipients (org_id, campaign_id, contact_id, columns)
                        select org_id, campaign_id, contact_id, columns from campaign_csv_rows
                         where campaign_id = ? and contact_id = any(?::uuid[])
                        on conflict (campaign_id, contact_id) do nothing
                        """, campaignId, keep.toArray(UUID[]::new)));
                after = ids.getLast();
            }
        }
        long out = optedOut;
        long none = noConsent;
        tx.inOrg(
                orgId,
                () -> db.update(Campaigns.T)
                        .set(Campaigns.FANNED_OUT_AT, Instant.now())
                        .set(Campaigns.EXCLUDED_OPTED_OUT, (int) out)
                        .set(Campaigns.EXCLUDED_NO_CONSENT, (int) none)
                        .where(Campaigns.ID.eq(campaignId), Campaigns.FANNED_OUT_AT.isNull())
                        .execute());
        return inserted;
    }

    /** Sends the campaign's claims one permit at a time until none is pending or the campaign stops running. */
    private void sendLoop(UUID orgId, UUID campaignId) {
        try {
            while (running) {
                var c = tx.inOrg(
                        orgId,
                        () -> db.select(Campaigns.ALL)
                                .from(Campaigns.T)
                                .where(Campaigns.ID.eq(campaignId))
                                .fetchOptional());
                if (c.isEmpty() || !c.get().get(Campaigns.STATUS).equals("running")) return;
                var campaign = c.get();
                double rate = campaign.get(Campaigns.RATE_PER_SECOND);
                // paced here too, so pausing or an opt-out still applies to what is not queued yet
                rateLimiter.awaitPermit("campaign-enqueue:" + campaignId, rate);
                Instant permitted = Instant.now();
                if (!running) return;
                if (!sendNext(orgId, campaign, permitted)) {
                    if (campaign.get(Campaigns.FANNED_OUT_AT) != null) finishIfDone(orgId, campaignId);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Campaign {} sender stopped: {}", campaignId, e.toString());
        } finally {
            senders.remove(campaignId, Thread.currentThread());
        }
    }

    record Claim(long id, UUID contactId, @Nullable String columns) {}

    /** Claims one pending row (SKIP LOCKED) and queues its message in the same transaction; false when none is left. */
    boolean sendNext(UUID orgId, Record campaign, Instant permitted) {
        UUID campaignId = campaign.get(Campaigns.ID);
        Claim[] taken = new Claim[1];
        try {
            return tx.inOrg(orgId, () -> {
                var claim = db.select(Recipients.ID, Recipients.CONTACT_ID, Recipients.COLUMNS)
                        .from(Recipients.T)
                        .where(Recipients.CAMPAIGN_ID.eq(campaignId), Recipients.STATUS.eq("pending"))
                        .orderBy(Recipients.ID)
                        .limit(1)
                        .forUpdate()
                        .skipLocked()
                        .fetchOptional(r -> new Claim(
                                r.value1(),
                                r.value2(),
                                r.value3() == null ? null : r.value3().data()));
                if (claim.isEmpty()) return false;
                taken[0] = claim.get();
                send(orgId, campaign, claim.get(), permitted);
                return true;
            });
        } catch (ApiProblem | org.springframework.dao.DataAccessException | IllegalStateException e) {
            // nothing of the send was committed: the claim fails visibly, with the reason
            if (taken[0] == null) throw e;
            String reason =
                    e instanceof ApiProblem p ? p.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            long claimId = taken[0].id();
            tx.inOrg(
                    orgId,
                    () -> db.update(Recipients.T)
                            .set(Recipients.STATUS, "failed")
                            .set(Recipients.ERROR, reason)
                            .where(Recipients.ID.eq(claimId), Recipients.STATUS.eq("pending"))
                            .execute());
            return true;
        }
    }

    /** {@code permitted}: when the campaign's pacer released this send, recorded as the claim's queued_at. */
    private void send(UUID orgId, Record campaign, Claim claim, Instant permitted) {
        var member = audiences.member(orgId, claim.contactId()).orElse(null);
        if (member == null || member.optedOut()) {
            db.update(Recipients.T)
                    .set(Recipients.STATUS, "skipped")
                    .set(Recipients.ERROR, member == null ? "contact deleted" : "opted out before sending")
                    .set(Recipients.OPTED_OUT_AT, member == null ? null : Instant.now())
                    .where(Recipients.ID.eq(claim.id()))
                    .execute();
            return;
        }
        var template = templates
                .find(orgId, campaign.get(Campaigns.TEMPLATE_ID))
                .orElseThrow(() -> new IllegalStateException("template deleted"));
        Map<String, String> sources = json.readValue(
                campaign.get(Campaigns.VARIABLE_SOURCES).data(), new TypeReference<Map<String, String>>() {});
        Map<String, String> columns = claim.columns() == null
                ? Map.of()
                : json.readValue(claim.columns(), new TypeReference<Map<String, String>>() {});
        Map<String, String> values = new LinkedHashMap<>();
        for (var variable : template.variables()) {
            values.put(variable.name(), resolve(sources.get(variable.name()), member, columns));
        }
        String channelType = channels.find(orgId, campaign.get(Campaigns.CHANNEL_ID))
                .map(c -> c.type())
                .orElse("");
        MessageContent content = Set.of("whatsapp_cloud", "twilio_whatsapp").contains(channelType)
                ? new MessageContent.Template(
                        template.name(),
                        template.language(),
                        template.variables().stream()
                                .map(v -> values.get(v.name()))
                                .toList())
                : new MessageContent.Text(String.join(
                        "\n\n",
                        nonNull(
                                TemplateText.render(template.header(), values),
                                TemplateText.render(template.body(), values),
                                template.footer())));
        UUID conversationId =
                conversations.conversationFor(orgId, campaign.get(Campaigns.CHANNEL_ID), claim.contactId());
        double rate = campaign.get(Campaigns.RATE_PER_SECOND);
        var message = new OutboundPace("campaign:" + campaign.get(Campaigns.ID), rate)
                .with(() ->
                        conversations.sendReply(orgId, conversationId, content, Conversations.SenderType.SYSTEM, null));
        db.update(Recipients.T)
                .set(Recipients.STATUS, "queued")
                .set(Recipients.MESSAGE_ID, message.messageId())
                .set(Recipients.CONVERSATION_ID, conversationId)
                .set(Recipients.DELIVERY_STATE, DSL.coalesce(Recipients.DELIVERY_STATE, DSL.val("queued")))
                .set(Recipients.QUEUED_AT, permitted)
                .where(Recipients.ID.eq(claim.id()))
                .execute();
    }

    private static List<String> nonNull(@Nullable String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) if (p != null && !p.isBlank()) out.add(p);
        return out;
    }

    static String resolve(@Nullable String source, ContactAudiences.Member member, Map<String, String> columns) {
        if (source == null) return "";
        if (source.equals("contact.name")) return member.name() == null ? "" : member.name();
        if (source.equals("contact.phone")) return member.phone() == null ? "" : member.phone();
        if (source.startsWith("attribute.")) return member.attributes().getOrDefault(source.substring(10), "");
        if (source.startsWith("column.")) {
            String key = source.substring(7);
            for (var e : columns.entrySet()) if (e.getKey().equalsIgnoreCase(key)) return e.getValue();
            return "";
        }
        if (source.startsWith("text:")) return source.substring(5);
        return "";
    }

    private void finishIfDone(UUID orgId, UUID campaignId) {
        tx.inOrg(orgId, () -> {
            int done = db.update(Campaigns.T)
                    .set(Campaigns.STATUS, "completed")
                    .set(Campaigns.COMPLETED_AT, Instant.now())
                    .set(Campaigns.UPDATED_AT, Instant.now())
                    .where(
                            Campaigns.ID.eq(campaignId),
                            Campaigns.STATUS.eq("running"),
                            Campaigns.FANNED_OUT_AT.isNotNull(),
                            DSL.notExists(DSL.selectOne()
                                    .from(Recipients.T)
                                    .where(Recipients.CAMPAIGN_ID.eq(campaignId), Recipients.STATUS.eq("pending"))))
                    .execute();
            if (done == 1) {
                var c = campaigns.row(orgId, campaignId);
                campaigns.finishCredits(orgId, c);
                var p = campaigns.progress(campaignId, "completed", 0);
                events.publishEvent(new CampaignCompleted(
                        orgId,
                        campaignId,
                        "completed",
                        p.queued() + p.sent() + p.delivered() + p.read(),
                        p.failed(),
                        p.skipped()));
                log.info("Campaign {} completed: {} recipients", campaignId, p.total());
            }
            return null;
        });
    }
}
