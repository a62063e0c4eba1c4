package io.switchboard.analytics.internal;

import io.switchboard.identity.Mailer;
import io.switchboard.identity.OrganizationMembers;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * E-mail digests of the analytics figures to the organisation's owners and admins: daily (yesterday)
 * or weekly (the last Monday-to-Sunday week), in the organisation's time zone, or now on demand. A
 * period is claimed in {@code analytics_digests} before the mail is sent, so it goes out once even
 * with several nodes or a restart in between; offline the mail lands in the dev mailbox.
 */
@Component
class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);

    record Settings(String frequency, String timeZone, List<SentDigest> recent) {}

    record SentDigest(LocalDate periodStart, LocalDate periodEnd, String kind, int recipients, Instant sentAt) {}

    record Sent(LocalDate periodStart, LocalDate periodEnd, int recipients, String transport) {}

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final AnalyticsQueries queries;
    private final OrganizationMembers members;
    private final Mailer mailer;

    Digests(
            DSLContext db,
            ScopedTransactions tx,
            AnalyticsQueries queries,
            OrganizationMembers members,
            Mailer mailer) {
        this.db = db;
        this.tx = tx;
        this.queries = queries;
        this.members = members;
        this.mailer = mailer;
    }

    Settings settings(UUID orgId) {
        return tx.inOrg(orgId, () -> {
            var row = db.fetchOptional(
                    "select frequency, time_zone from analytics_digest_settings where org_id = ?::uuid", orgId);
            var recent = db.fetch(
                            "select period_start, period_end, kind, recipients, sent_at from analytics_digests"
                                    + " where org_id = ?::uuid order by sent_at desc limit 10",
                            orgId)
                    .map(r -> new SentDigest(
                            r.get(0, LocalDate.class),
                            r.get(1, LocalDate.class),
                            r.get(2, String.class),
                            r.get(3, Integer.class),
                            r.get(4, java.time.OffsetDateTime.class).toInstant()));
            return new Settings(
                    row.map(r -> r.get(0, String.class)).orElse("off"),
                    row.map(r -> r.get(1, String.class)).orElse("UTC"),
                    recent);
        });
    }

    Settings save(UUID orgId, @Nullable String frequency, @Nullable String timeZone) {
        if (frequency == null || !List.of("off", "daily", "weekly").contains(frequency)) {
            throw ApiProblem.invalidField("frequency", "must be off, daily or weekly");
        }
        String zone = AnalyticsQueries.timeZone(timeZone).getId();
        tx.inOrg(orgId, () -> db.execute("""
                insert into analytics_digest_settings (org_id, frequency, time_zone) values (?::uuid, ?, ?)
                on conflict (org_id) do update set frequency = excluded.frequency, time_zone = excluded.time_zone,
                                                   updated_at = now()
                """, orgId, frequency, zone));
        return settings(orgId);
    }

    /** Sends the digest of the last 7 days now (a "manual" digest: claimed per day, so one per day at most). */
    Sent sendNow(UUID orgId) {
        ZoneId zone = ZoneId.of(settings(orgId).timeZone());
        LocalDate today = LocalDate.now(zone);
        var sent = send(orgId, "manual", today.minusDays(6), today, zone);
        if (sent == null) throw ApiProblem.conflict("digest-already-sent", "Today's digest was already sent");
        return sent;
    }

    /** Every few minutes: the due daily and weekly digests, each period once. */
    @Scheduled(fixedDelayString = "${switchboard.analytics.digest-interval:5m}", initialDelay = 60_000)
    void sendDue() {
        var due = tx.asSystem(
                "due analytics digests",
                () -> db.fetch(
                        "select org_id, frequency, time_zone from analytics_digest_settings where frequency <> 'off'"));
        for (var row : due) {
            UUID orgId = row.get(0, UUID.class);
            try {
                ZoneId zone = ZoneId.of(row.get(2, String.class));
                LocalDate today = LocalDate.now(zone);
                if ("daily".equals(row.get(1, String.class))) {
                    send(orgId, "daily", today.minusDays(1), today.minusDays(1), zone);
                } else {
                    LocalDate lastMonday = today.with(DayOfWeek.MONDAY).minusWeeks(1);
                    send(orgId, "weekly", lastMonday, lastMonday.plusDays(6), zone);
                }
            } catch (RuntimeException e) {
                log.warn("Digest for org {} failed: {}", orgId, e.toString());
            }
        }
    }

    /** Claims the period, then mails it; answers null when the period was already claimed. */
    @Nullable
    Sent send(UUID orgId, String kind, LocalDate from, LocalDate to, ZoneId zone) {
        List<String> recipients = members.adminEmails(orgId);
        boolean claimed =
                tx.inOrg(orgId, () -> db.execute("""
                                insert into analytics_digests (org_id, period_start, period_end, kind, recipients)
                                values (?::uuid, ?::date, ?::date, ?, ?) on conflict do nothing
                                """, orgId, from.toString(), to.toString(), kind, recipients.size()))
                        == 1;
        if (!claimed) return null;
        Overview o = tx.inOrg(orgId, () -> queries.overview(new AnalyticsQueries.Range(orgId, from, to, zone, null)));
        String subject = "Switchboard digest " + period(from, to);
        String body = body(o);
        for (String to2 : recipients) mailer.send(orgId, to2, subject, body);
        return new Sent(from, to, recipients.size(), mailer.transport());
    }

    private static String period(LocalDate from, LocalDate to) {
        return from.equals(to) ? day(from) : day(from) + " – " + day(to);
    }

    private static String day(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + d;
    }

    /** Plain text: mail clients show it as it is, nothing to escape. */
    static String body(Overview o) {
        var t = o.totals();
        var b = new StringBuilder();
        b.append("Your conversations ")
                .append(period(o.from(), o.to()))
                .append(" (")
                .append(o.timeZone())
                .append(")\n\n");
        b.append("Conversations: ")
                .append(t.conversations())
                .append(" (")
                .append(t.resolved())
                .append(" resolved)\n");
        b.append("Messages received: ").append(t.inboundMessages()).append('\n');
        b.append("Bot replies: ")
                .append(t.botReplies())
                .append(" · replies by people: ")
                .append(t.humanReplies())
                .append('\n');
        b.append("Handed to people: ").append(t.handedOff()).append('\n');
        b.append("Bot containment: ")
                .append(t.containedRate() == null ? "—" : Math.round(t.containedRate() * 100) + " %")
                .append('\n');
        b.append("First response (median): ")
                .append(
                        t.medianFirstResponseSeconds() == null
                                ? "—"
                                : Math.round(t.medianFirstResponseSeconds()) + " s")
                .append('\n');
        var c = o.campaigns();
        if (c.recipients() > 0) {
            b.append("Campaigns: ")
                    .append(c.recipients())
                    .append(" recipients, ")
                    .append(c.delivered())
                    .append(" delivered, ")
                    .append(c.replied())
                    .append(" replied, ")
                    .append(c.optedOut())
                    .append(" opted out\n");
        }
        if (o.calls().calls() > 0) {
            b.append("Calls: ")
                    .append(o.calls().calls())
                    .append(" (")
                    .append(o.calls().minutes())
                    .append(" min)\n");
        }
        if (!o.handoffReasons().isEmpty()) {
            b.append("\nWhy conversations went to people:\n");
            o.handoffReasons()
                    .forEach(r -> b.append("  ")
                            .append(r.name())
                            .append(": ")
                            .append(r.count())
                            .append('\n'));
        }
        return b.toString();
    }
}
