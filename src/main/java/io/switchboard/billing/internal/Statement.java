package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.BillingTables.Entries;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.Pages;
import io.switchboard.shared.web.CsvDownload;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The organisation's credit statement: entries newest first, with their effect on the totals. */
@Service
class Statement {

    private static final Set<String> BALANCE_ACCOUNTS = Set.of("available", "held");

    private final DSLContext db;

    Statement(DSLContext db) {
        this.db = db;
    }

    record CreditEntry(
            long id,

            @Schema(description = "top_up, grant, hold, settle, release, refund or adjustment")
            String kind,

            @Schema(description = "amount moved, always positive")
            long amountMinor,

            @Schema(description = "change of the balance (available + held)")
            long balanceChangeMinor,

            @Schema(description = "change of the available credits")
            long availableChangeMinor,

            @Nullable UUID holdId,
            @Nullable String reference,
            @Nullable String reason,
            @Nullable String actor,
            Instant createdAt) {}

    PageResponse<CreditEntry> page(UUID orgId, PageQuery page) {
        return Pages.fetch(
                db,
                page,
                db.select(Entries.ALL)
                        .from(Entries.T)
                        .where(Entries.ORG_ID.eq(orgId))
                        .orderBy(Entries.ID.desc()),
                Statement::toEntry);
    }

    static final List<String> CSV_HEADER = List.of(
            "id",
            "created_at",
            "kind",
            "amount_minor",
            "balance_change_minor",
            "available_change_minor",
            "hold_id",
            "reference",
            "reason",
            "actor");

    /** Every entry, newest first, streamed from a database cursor (which needs a transaction). */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    void csv(UUID orgId, CsvDownload.Rows rows) {
        try (var cursor = db.select(Entries.ALL)
                .from(Entries.T)
                .where(Entries.ORG_ID.eq(orgId))
                .orderBy(Entries.ID.desc())
                .fetchSize(500)
                .fetchLazy()) {
            for (Record r : cursor) {
                CreditEntry e = toEntry(r);
                rows.add(
                        e.id(),
                        e.createdAt(),
                        e.kind(),
                        e.amountMinor(),
                        e.balanceChangeMinor(),
                        e.availableChangeMinor(),
                        e.holdId(),
                        e.reference(),
                        e.reason(),
                        e.actor());
            }
        }
    }

    static CreditEntry toEntry(Record r) {
        long amount = r.get(Entries.AMOUNT);
        String debit = r.get(Entries.DEBIT);
        String credit = r.get(Entries.CREDIT);
        long balance =
                (BALANCE_ACCOUNTS.contains(credit) ? amount : 0) - (BALANCE_ACCOUNTS.contains(debit) ? amount : 0);
        long available = ("available".equals(credit) ? amount : 0) - ("available".equals(debit) ? amount : 0);
        return new CreditEntry(
                r.get(Entries.ID),
                r.get(Entries.KIND),
                amount,
                balance,
                available,
                r.get(Entries.HOLD_ID),
                r.get(Entries.REFERENCE),
                r.get(Entries.REASON),
                r.get(Entries.ACTOR),
                r.get(Entries.CREATED_AT));
    }
}
