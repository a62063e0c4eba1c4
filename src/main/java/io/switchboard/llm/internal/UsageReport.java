package io.switchboard.llm.internal;

import static io.switchboard.llm.internal.LlmTables.Calls;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/** Provider calls per UTC day and provider, for the usage chart. */
@Component
class UsageReport {

    private final DSLContext db;

    UsageReport(DSLContext db) {
        this.db = db;
    }

    record LlmUsageRow(
            LocalDate day,
            UUID providerId,
            String providerName,
            long calls,
            long failedCalls,
            long inputTokens,
            long outputTokens,
            long costMicros) {}

    record LlmUsageTotals(long calls, long failedCalls, long inputTokens, long outputTokens, long costMicros) {}

    record LlmUsage(LocalDate from, LocalDate to, List<LlmUsageRow> rows, LlmUsageTotals totals) {}

    LlmUsage report(UUID orgId, LocalDate from, LocalDate to) {
        Field<LocalDate> day = DSL.field("({0} AT TIME ZONE 'UTC')::date", SQLDataType.LOCALDATE, Calls.CREATED_AT);
        var rows = db.select(
                        day,
                        Calls.PROVIDER_ID,
                        DSL.max(Calls.PROVIDER_NAME),
                        DSL.count(),
                        DSL.count().filterWhere(Calls.OUTCOME.ne("ok")),
                        DSL.sum(Calls.INPUT_TOKENS),
                        DSL.sum(Calls.OUTPUT_TOKENS),
                        DSL.sum(Calls.COST_MICROS))
                .from(Calls.T)
                .where(
                        Calls.ORG_ID.eq(orgId),
                        Calls.CREATED_AT.ge(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
                        Calls.CREATED_AT.lt(
                                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .groupBy(day, Calls.PROVIDER_ID)
                .orderBy(day, DSL.max(Calls.PROVIDER_NAME))
                .fetch(r -> new LlmUsageRow(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        r.value6() == null ? 0 : r.value6().longValue(),
                        r.value7() == null ? 0 : r.value7().longValue(),
                        r.value8() == null ? 0 : r.value8().longValue()));
        var totals = new LlmUsageTotals(
                rows.stream().mapToLong(LlmUsageRow::calls).sum(),
                rows.stream().mapToLong(LlmUsageRow::failedCalls).sum(),
                rows.stream().mapToLong(LlmUsageRow::inputTokens).sum(),
                rows.stream().mapToLong(LlmUsageRow::outputTokens).sum(),
                rows.stream().mapToLong(LlmUsageRow::costMicros).sum());
        return new LlmUsage(from, to, rows, totals);
    }
}
