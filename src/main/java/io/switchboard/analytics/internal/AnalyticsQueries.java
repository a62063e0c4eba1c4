package io.switchboard.analytics.internal;

import io.switchboard.shared.ApiProblem;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures, in plain SQL over the owning modules' tables. Every query filters on the organisation
 * and a time range that the {@code (org_id, created_at)} indexes serve; row-level security holds as
 * well. Bot = messages the agent or a flow sent ({@code sender_type} agent/system); human = a member.
 */
@Component
class AnalyticsQueries {

    private final DSLContext db;

    AnalyticsQueries(DSLContext db) {
        this.db = db;
    }

    /** A range of whole days in a time zone: [start of {@code from}, start of the day after {@code to}). */
    record Range(
            UUID orgId,
            LocalDate from,
            LocalDate to,
            ZoneId zone,
            @Nullable UUID channelId) {
        OffsetDateTime start() {
            return from.atStartOfDay(zone).toOffsetDateTime();
        }

        OffsetDateTime end() {
            return to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        }
    }

    /** The IANA zone named by the {@code timeZone} field; UTC when none is given. */
    static ZoneId timeZone(@Nullable String timeZone) {
        if (timeZone == null || timeZone.isBlank()) return ZoneId.of("UTC");
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw ApiProblem.invalidField(
                    "timeZone", "is not a known time zone (use an IANA name such as Europe/Paris)");
        }
    }

    @Transactional(readOnly = true)
    Overview overview(Range r) {
        return new Overview(
                r.from(),
                r.to(),
                r.zone().getId(),
                r.channelId(),
                totals(r),
                days(r),
                handoffReasons(r),
                topIntents(r),
                campaigns(r),
                calls(r),
                ai(r));
    }

    private List<Overview.AiUse> ai(Range r) {
        return db.fetch("""
                        select provider_name, model, count(*) as calls, count(*) filter (where outcome <> 'ok') as failed,
                               sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
                               sum(cost_micros) as cost_micros
                          from llm_calls
                         where org_id = ?::uuid and created_at >= ?::timestamptz and created_at < ?::timestamptz
                         group by 1, 2 order by 7 desc, 3 desc, 1, 2
                        """, r.orgId(), r.start(), r.end())
                .map(row -> new Overview.AiUse(
                        row.get("provider_name", String.class),
                        row.get("model", String.class),
                        number(row, "calls"),
                        number(row, "failed"),
                        number(row, "input_tokens"),
                        number(row, "output_tokens"),
                        number(row, "cost_micros")));
    }

    /** A UUID is printed as hex and dashes only, so inlining it is safe; it keeps the plan specific. */
    private static String channelFilter(Range r, String column) {
        return r.channelId() == null ? "" : " and " + column + " = '" + r.channelId() + "'::uuid";
    }

    private Overview.Totals totals(Range r) {
        Record row =
                db.fetchSingle("""
                with c as (
                  select id, status, handoff_reason from conversations
                   where org_id = ?::uuid and created_at >= ?::timestamptz and created_at < ?::timestamptz%s),
                m as (
                  select conversation_id,
                         min(created_at) filter (where direction = 'inbound') as first_in,
                         min(created_at) filter (where direction = 'outbound' and sender_type in ('agent', 'system', 'user')) as first_out,
                         min(created_at) filter (where direction = 'outbound' and sender_type in ('agent', 'system')) as first_bot,
                         min(created_at) filter (where direction = 'outbound' and sender_type = 'user') as first_human,
                         bool_or(direction = 'outbound' and sender_type in ('agent', 'system')) as bot,
                         bool_or(direction = 'outbound' and sender_type = 'user') as human
                    from messages
                   where org_id = ?::uuid and conversation_id in (select id from c)
                   group by conversation_id)
                select count(*) as conversations,
                       count(*) filter (where c.status = 'resolved') as resolved,
                       count(*) filter (where c.handoff_reason is not null) as handed_off,
                       count(*) filter (where m.bot) as answered_by_bot,
                       count(*) filter (where m.bot and not m.human and c.handoff_reason is null) as contained,
                       percentile_cont(0.5) within group (order by extract(epoch from m.first_out - m.first_in))
                         filter (where m.first_out >= m.first_in) as median_first,
                       percentile_cont(0.5) within group (order by extract(epoch from m.first_bot - m.first_in))
                         filter (where m.first_bot >= m.first_in) as median_bot,
                       percentile_cont(0.5) within group (order by extract(epoch from m.first_human - m.first_in))
                         filter (where m.first_human >= m.first_in) as median_human
                  from c left join m on m.conversation_id = c.id
                """.formatted(channelFilter(r, "channel_id")), r.orgId(), r.start(), r.end(), r.orgId());
        Record messages = db.fetchSingle("""
                select count(*) filter (where direction = 'inbound') as inbound,
                       count(*) filter (where direction = 'outbound' and sender_type in ('agent', 'system')) as bot,
                       count(*) filter (where direction = 'outbound' and sender_type = 'user') as human
                  from messages
                 where org_id = ?::uuid and created_at >= ?::timestamptz and created_at < ?::timestamptz%s
                """.formatted(channelFilter(r, "channel_id")), r.orgId(), r.start(), r.end());
        long answeredByBot = number(row, "answered_by_bot");
        long contained = number(row, "contained");
        return new Overview.Totals(
                number(row, "conversations"),
                number(row, "resolved"),
                number(row, "handed_off"),
                answeredByBot,
                contained,
                answeredByBot == 0 ? null : (double) contained / answeredByBot,
                decimal(row, "median_first"),
                decimal(row, "median_bot"),
                decimal(row, "median_human"),
                number(messages, "inbound"),
                number(messages, "bot"),
                number(messages, "human"));
    }

    private List<Overview.Day> days(Range r) {
        Map<LocalDate, long[]> byDay = new LinkedHashMap<>();
        for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) byDay.put(d, new long[4]);
        String zone = r.zone().getId();
        db.fetch("""
                        select (created_at at time zone ?)::date as day, count(*) as n
                          from conversations
                         where org_id = ?::uuid and created_at >= ?::timestamptz and created_at < ?::timestamptz%s
                         group by 1
                        """.formatted(channelFilter(r, "channel_id")), zone, r.orgId(), r.start(), r.end())
                .forEach(row -> slot(byDay, row)[0] = number(row, "n"));
        db.fetch("""
                        select (created_at at time zone ?)::date as day,
                               count(*) filter (where direction = 'inbound') as inbound,
                               count(*) filter (where direction = 'outbound' and sender_type in ('agent', 'system')) as bot,
                               count(*) filter (where direction = 'outbound' and sender_type = 'user') as human
                          from messages
                         where org_id = ?::uuid and created_at >= ?::timestamptz and created_at < ?::timestamptz%s
                         group by 1
                        """.formatted(channelFilter(r, "channel_id")), zone, r.orgId(), r.start(), r.end())
                .forEach(row -> {
                    long[] slot = slot(byDay, row);
                    slot[1] = number(row, "inbound");
                    slot[2] = number(row, "bot");
                    slot[3] = number(row, "human");
                });
        List<Overview.Day> days = new ArrayList<>(byDay.size());
        byDay.forEach((day, n) -> days.add(new Overview.Day(day, n[0], n[1], n[2], n[3])));
        return days;
    }

    private static long[] slot(Map<LocalDate, long[]> byDay, Record row) {
        return byDay.computeIfAbsent(row.get("day", LocalDate.class), d -> new long[4]);
    }

    private List<Overview.Count> handoffReasons(Range r) {
        return db.fetch("""
                        select handoff_reason as name, count(*) as n
                          from conversations
                         where org_id = ?::uuid and created_at >= ?::timestamptz and created_at < ?::timestamptz and handoff_reason is not null%s
                         group by 1 order by 2 desc, 1 limit 10
                        """.formatted(channelFilter(r, "channel_id")), r.orgId(), r.start(), r.end())
                .map(row -> new Overview.Count(row.get("name", String.class), number(row, "n")));
    }

    private List<Overview.Count> topIntents(Range r) {
        return db.fetch("""
                        select understanding ->> 'intent' as name, count(*) as n
                          from messages
                         where org_id = ?::uuid and created_at >= ?::timestamptz and created_at < ?::timestamptz and direction = 'inbound'
                           and understanding ->> 'intent' is not null%s
                         group by 1 order by 2 desc, 1 limit 10
                        """.formatted(channelFilter(r, "channel_id")), r.orgId(), r.start(), r.end())
                .map(row -> new Overview.Count(row.get("name", String.class), number(row, "n")));
    }

    private Overview.CampaignFunnel campaigns(Range r) {
        Record row = db.fetchSingle("""
                select count(*) as recipients,
                       count(*) filter (where cr.delivery_state in ('sent', 'delivered', 'read')) as sent,
                       count(*) filter (where cr.delivery_state in ('delivered', 'read')) as delivered,
                       count(*) filter (where cr.delivery_state = 'read') as read,
                       count(*) filter (where cr.replied_at is not null) as replied,
                       count(*) filter (where cr.status = 'failed' or cr.delivery_state = 'failed') as failed,
                       count(*) filter (where cr.opted_out_at is not null) as opted_out
                  from campaign_recipients cr
                  join campaigns c on c.id = cr.campaign_id
                 where cr.org_id = ?::uuid and c.started_at >= ?::timestamptz and c.started_at < ?::timestamptz%s
                """.formatted(channelFilter(r, "c.channel_id")), r.orgId(), r.start(), r.end());
        return new Overview.CampaignFunnel(
                number(row, "recipients"),
                number(row, "sent"),
                number(row, "delivered"),
                number(row, "read"),
                number(row, "replied"),
                number(row, "failed"),
                number(row, "opted_out"));
    }

    private Overview.CallFigures calls(Range r) {
        Record row = db.fetchSingle("""
                select count(*) as calls,
                       count(*) filter (where status = 'completed') as completed,
                       coalesce(ceil(sum(duration_seconds) / 60.0), 0) as minutes
                  from calls
                 where org_id = ?::uuid and created_at >= ?::timestamptz and created_at < ?::timestamptz
                """, r.orgId(), r.start(), r.end());
        var outcomes = db.fetch("""
                        select outcome as name, count(*) as n
                          from calls
                         where org_id = ?::uuid and created_at >= ?::timestamptz and created_at < ?::timestamptz and outcome is not null
                         group by 1 order by 2 desc, 1 limit 10
                        """, r.orgId(), r.start(), r.end())
                .map(o -> new Overview.Count(o.get("name", String.class), number(o, "n")));
        return new Overview.CallFigures(
                number(row, "calls"), number(row, "completed"), number(row, "minutes"), outcomes);
    }

    /** Whether the channel belongs to the organisation (a foreign or unknown one is a 404). */
    @Transactional(readOnly = true)
    boolean channelExists(UUID orgId, UUID channelId) {
        return db.fetchExists(db.selectOne()
                .from(org.jooq.impl.DSL.table("channels"))
                .where(
                        org.jooq.impl.DSL.field("org_id", UUID.class).eq(orgId),
                        org.jooq.impl.DSL.field("id", UUID.class).eq(channelId)));
    }

    private static long number(Record row, String field) {
        Number n = row.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }

    private static @Nullable Double decimal(Record row, String field) {
        Number n = row.get(field, Number.class);
        return n == null ? null : n.doubleValue();
    }
}
