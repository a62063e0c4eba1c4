package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.BillingTables.Accounts;
import static io.switchboard.billing.internal.BillingTables.Entries;
import static io.switchboard.billing.internal.BillingTables.Holds;

import io.switchboard.billing.CreditBalance;
import io.switchboard.billing.Credits;
import io.switchboard.billing.Hold;
import io.switchboard.billing.Settlement;
import io.switchboard.shared.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The credit ledger. Every posting locks the organisation's account row (a {@code FOR UPDATE}, or the
 * checked update of a hold or settlement) and checks, appends entries and updates the cached totals
 * atomically: two postings of one organisation never interleave, so "available" can't be spent twice
 * and never drops below zero.
 */
@Service
class Ledger implements Credits {

    static final Duration MAX_TTL = Duration.ofDays(7);

    enum Kind {
        TOP_UP("external", "available"),
        GRANT("grants", "available"),
        HOLD("available", "held"),
        SETTLE("held", "spent"),
        RELEASE("held", "available"),
        REFUND("available", "external"),
        ADJUSTMENT("adjustments", "available");

        final String debit;
        final String credit;

        Kind(String debit, String credit) {
            this.debit = debit;
            this.credit = credit;
        }

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One posting request; negative adjustments swap the accounts. */
    record Posting(
            Kind kind,
            long amountMinor,
            String idempotencyKey,
            @Nullable UUID holdId,
            @Nullable String reference,
            @Nullable String reason,
            @Nullable String actor) {}

    /** The entry of a posting; {@code created} is false when the idempotency key had posted before. */
    record Posted(long entryId, boolean created) {}

    record Account(
            String currency,
            long balance,
            long held,
            @Nullable Long lowBalanceThreshold) {
        long available() {
            return balance - held;
        }
    }

    private final DSLContext db;
    private final OrgTransactions tx;

    Ledger(DSLContext db, OrgTransactions tx) {
        this.db = db;
        this.tx = tx;
    }

    /*
     * Holds and settlements are single statements, run in autocommit: one round trip each. The
     * account row (the per-organisation lock) is updated with its check in the WHERE clause; the hold
     * and its entry are written only when that update happened. A reused idempotency key makes the
     * hold insert fail on the unique index, which undoes the whole statement.
     */
    private static final String RESERVE = """
            with a as (
              update credit_accounts set held_minor = held_minor + ?::bigint, updated_at = now()
              where org_id = ?::uuid and balance_minor - held_minor >= ?::bigint
              returning org_id),
            h as (
              insert into credit_holds (id, org_id, amount_minor, status, reason, idempotency_key, expires_at, created_at)
              select ?::uuid, org_id, ?::bigint, 'active', ?::text, ?::text, ?::timestamptz, ?::timestamptz from a
              returning id),
            e as (
              insert into credit_entries (org_id, kind, debit_account, credit_account, amount_minor, idempotency_key, hold_id, reason)
              select ?::uuid, 'hold', 'available', 'held', ?::bigint, ?::text, id, ?::text from h
              returning id)
            select (select count(*) from h) as held, (select count(*) from e) as posted""";

    private static final String CLOSE = """
            with h as (
              update credit_holds set status = ?::text, settled_minor = ?::bigint, closed_at = now()
              where org_id = ?::uuid and id = ?::uuid and status = 'active' and amount_minor >= ?::bigint
              returning amount_minor, reason),
            s as (
              insert into credit_entries (org_id, kind, debit_account, credit_account, amount_minor, idempotency_key, hold_id, reason)
              select ?::uuid, 'settle', 'held', 'spent', ?::bigint, ?::text, ?::uuid, reason from h where ?::bigint > 0
              returning id),
            r as (
              insert into credit_entries (org_id, kind, debit_account, credit_account, amount_minor, idempotency_key, hold_id, reason)
              select ?::uuid, 'release', 'held', 'available', amount_minor - ?::bigint, ?::text, ?::uuid, reason
              from h where amount_minor > ?::bigint
              returning id),
            a as (
              update credit_accounts set balance_minor = balance_minor - ?::bigint, held_minor = held_minor - h.amount_minor,
                     updated_at = now()
              from h where credit_accounts.org_id = ?::uuid
              returning 1)
            select (select amount_minor from h) as amount, (select count(*) from a) as locked""";

    @Override
    public Hold reserve(UUID orgId, long amountMinor, String reason, Duration ttl, String idempotencyKey) {
        positive("amountMinor", amountMinor);
        key(idempotencyKey);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw ApiProblem.invalidField("ttl", "must be between 1 second and 7 days");
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        Instant expires = now.plus(ttl);
        try {
            var r = tx.fetchOneStatement(
                    orgId,
                    RESERVE,
                    amountMinor,
                    orgId,
                    amountMinor,
                    id,
                    amountMinor,
                    reason,
                    idempotencyKey,
                    expires.toString(),
                    now.toString(),
                    orgId,
                    amountMinor,
                    "hold:" + idempotencyKey,
                    reason);
            if (r != null && ((Number) r.get(0)).longValue() == 1) {
                return new Hold(id, orgId, amountMinor, null, Hold.Status.ACTIVE, reason, expires, now);
            }
        } catch (DuplicateKeyException e) {
            // this key was reserved before (or concurrently, committed first): answer that hold
            return tx.inOrg(orgId, () -> holdByKey(orgId, idempotencyKey).orElseThrow(() -> e));
        }
        // nothing was written: a retry of a key that no longer fits is still answered with its hold
        return tx.inOrg(
                orgId,
                () -> holdByKey(orgId, idempotencyKey).orElseThrow(() -> insufficient(account(orgId), amountMinor)));
    }

    @Override
    public Settlement settle(UUID orgId, UUID holdId, long actualMinor) {
        if (actualMinor < 0) throw ApiProblem.invalidField("actualMinor", "must not be negative");
        Long amount = close(orgId, holdId, "settled", actualMinor);
        if (amount != null) return new Settlement(holdId, actualMinor, amount - actualMinor);
        return tx.inOrg(orgId, () -> {
            Hold hold = hold(orgId, holdId).orElseThrow(() -> ApiProblem.notFound("Hold " + holdId));
            return switch (hold.status()) {
                case SETTLED -> {
                    long spent = hold.settledMinor() == null ? 0 : hold.settledMinor();
                    yield new Settlement(holdId, spent, hold.amountMinor() - spent);
                }
                case VOIDED, EXPIRED ->
                    throw ApiProblem.conflict(
                            "hold-closed",
                            "Hold " + holdId + " was " + hold.status().json() + " and can't be settled");
                case ACTIVE ->
                    throw ApiProblem.invalidField(
                            "actualMinor", "must not exceed the held amount (" + hold.amountMinor() + ")");
            };
        });
    }

    @Override
    public Hold voidHold(UUID orgId, UUID holdId) {
        return release(orgId, holdId, "voided");
    }

    /** Voids or expires an active hold; a closed one is answered as it is. */
    Hold release(UUID orgId, UUID holdId, String status) {
        close(orgId, holdId, status, 0);
        return tx.inOrg(orgId, () -> hold(orgId, holdId).orElseThrow(() -> ApiProblem.notFound("Hold " + holdId)));
    }

    /**
     * Closes an active hold in one statement: spends {@code spent}, releases the rest, updates the
     * account; answers the held amount, or null when the hold was not active (or spent exceeds it).
     */
    private @Nullable Long close(UUID orgId, UUID holdId, String status, long spent) {
        var r = tx.fetchOneStatement(
                orgId,
                CLOSE,
                status,
                "settled".equals(status) ? spent : null,
                orgId,
                holdId,
                spent,
                orgId,
                spent,
                "settle:" + holdId,
                holdId,
                spent,
                orgId,
                spent,
                "release:" + holdId,
                holdId,
                spent,
                spent,
                orgId);
        Object amount = r == null ? null : r.get(0);
        if (amount == null) return null;
        if (((Number) r.get(1)).longValue() != 1)
            throw new IllegalStateException("credit account missing for " + orgId);
        return ((Number) amount).longValue();
    }

    @Override
    public CreditBalance balance(UUID orgId) {
        return tx.inOrg(orgId, () -> {
            Account a = account(orgId);
            return new CreditBalance(a.balance(), a.available(), a.held(), a.currency());
        });
    }

    @Override
    public long topUp(UUID orgId, long amountMinor, String reason, String idempotencyKey) {
        return post(orgId, new Posting(Kind.TOP_UP, amountMinor, idempotencyKey, null, null, reason, "system"))
                .entryId();
    }

    /** Money back to the payer (a refunded payment); only available credits can leave. */
    long refund(UUID orgId, long amountMinor, String idempotencyKey) {
        return post(orgId, new Posting(Kind.REFUND, amountMinor, idempotencyKey, null, null, "refund", "system"))
                .entryId();
    }

    /**
     * Appends one money-in/money-out entry (top-up, grant, refund, adjustment) and answers its id; a
     * known idempotency key answers the existing entry's id and posts nothing. Outgoing amounts must be
     * available.
     */
    Posted post(UUID orgId, Posting posting) {
        if (posting.kind() != Kind.ADJUSTMENT) positive("amountMinor", posting.amountMinor());
        if (posting.amountMinor() == 0) throw ApiProblem.invalidField("amountMinor", "must not be zero");
        key(posting.idempotencyKey());
        return tx.inOrg(orgId, () -> {
            Account account = lock(orgId);
            var existing = db.select(Entries.ID)
                    .from(Entries.T)
                    .where(Entries.ORG_ID.eq(orgId), Entries.IDEMPOTENCY_KEY.eq(posting.idempotencyKey()))
                    .fetchOptional(Entries.ID);
            if (existing.isPresent()) return new Posted(existing.get(), false);
            long delta = switch (posting.kind()) {
                case TOP_UP, GRANT -> posting.amountMinor();
                case REFUND -> -posting.amountMinor();
                case ADJUSTMENT -> posting.amountMinor();
                case HOLD, SETTLE, RELEASE -> throw new IllegalArgumentException("holds go through reserve/settle");
            };
            if (delta < 0 && account.available() < -delta) {
                throw insufficient(account, -delta);
            }
            long id = append(orgId, posting);
            updateAccount(orgId, delta, 0);
            return new Posted(id, true);
        });
    }

    /** The current totals without locking (reads see the last committed posting). */
    Account account(UUID orgId) {
        return db.select(Accounts.CURRENCY, Accounts.BALANCE, Accounts.HELD, Accounts.LOW_BALANCE_THRESHOLD)
                .from(Accounts.T)
                .where(Accounts.ORG_ID.eq(orgId))
                .fetchOptional(r -> new Account(r.value1(), r.value2(), r.value3(), r.value4()))
                .orElse(new Account("USD", 0, 0, null));
    }

    void setLowBalanceThreshold(UUID orgId, @Nullable Long thresholdMinor) {
        tx.inOrg(orgId, () -> {
            lock(orgId);
            return db.update(Accounts.T)
                    .set(Accounts.LOW_BALANCE_THRESHOLD, thresholdMinor)
                    .where(Accounts.ORG_ID.eq(orgId))
                    .execute();
        });
    }

    Optional<Hold> hold(UUID orgId, UUID holdId) {
        return db.select(Holds.ALL)
                .from(Holds.T)
                .where(Holds.ORG_ID.eq(orgId), Holds.ID.eq(holdId))
                .fetchOptional(Ledger::toHold);
    }

    private Optional<Hold> holdByKey(UUID orgId, String key) {
        return db.select(Holds.ALL)
                .from(Holds.T)
                .where(Holds.ORG_ID.eq(orgId), Holds.IDEMPOTENCY_KEY.eq(key))
                .fetchOptional(Ledger::toHold);
    }

    /** Creates the account on first use, then locks it for the rest of the transaction. */
    private Account lock(UUID orgId) {
        var row = db.select(Accounts.CURRENCY, Accounts.BALANCE, Accounts.HELD, Accounts.LOW_BALANCE_THRESHOLD)
                .from(Accounts.T)
                .where(Accounts.ORG_ID.eq(orgId))
                .forUpdate()
                .fetchOptional();
        if (row.isEmpty()) {
            db.insertInto(Accounts.T)
                    .set(Accounts.ORG_ID, orgId)
                    .onConflictDoNothing()
                    .execute();
            row = db.select(Accounts.CURRENCY, Accounts.BALANCE, Accounts.HELD, Accounts.LOW_BALANCE_THRESHOLD)
                    .from(Accounts.T)
                    .where(Accounts.ORG_ID.eq(orgId))
                    .forUpdate()
                    .fetchOptional();
        }
        var r = row.orElseThrow();
        return new Account(r.value1(), r.value2(), r.value3(), r.value4());
    }

    private long append(UUID orgId, Posting p) {
        boolean reverse = p.amountMinor() < 0; // negative adjustment: money leaves the available account
        return db.insertInto(Entries.T)
                .set(Entries.ORG_ID, orgId)
                .set(Entries.KIND, p.kind().json())
                .set(Entries.DEBIT, reverse ? p.kind().credit : p.kind().debit)
                .set(Entries.CREDIT, reverse ? p.kind().debit : p.kind().credit)
                .set(Entries.AMOUNT, Math.abs(p.amountMinor()))
                .set(Entries.IDEMPOTENCY_KEY, p.idempotencyKey())
                .set(Entries.HOLD_ID, p.holdId())
                .set(Entries.REFERENCE, p.reference())
                .set(Entries.REASON, p.reason())
                .set(Entries.ACTOR, p.actor())
                .returning(Entries.ID)
                .fetchOne(Entries.ID);
    }

    private void updateAccount(UUID orgId, long balanceDelta, long heldDelta) {
        db.update(Accounts.T)
                .set(Accounts.BALANCE, Accounts.BALANCE.plus(balanceDelta))
                .set(Accounts.HELD, Accounts.HELD.plus(heldDelta))
                .set(Accounts.UPDATED_AT, Instant.now())
                .where(Accounts.ORG_ID.eq(orgId))
                .execute();
    }

    static Hold toHold(Record r) {
        return new Hold(
                r.get(Holds.ID),
                r.get(Holds.ORG_ID),
                r.get(Holds.AMOUNT),
                r.get(Holds.SETTLED),
                Hold.Status.valueOf(r.get(Holds.STATUS).toUpperCase(Locale.ROOT)),
                r.get(Holds.REASON),
                r.get(Holds.EXPIRES_AT),
                r.get(Holds.CREATED_AT));
    }

    private static ApiProblem insufficient(Account account, long needed) {
        return ApiProblem.of(
                HttpStatus.PAYMENT_REQUIRED,
                "insufficient-credits",
                "Insufficient credits",
                "This needs " + needed + " but only " + account.available() + " " + account.currency()
                        + " minor units are available",
                Map.of("neededMinor", needed, "availableMinor", account.available()));
    }

    private static void positive(String field, long value) {
        if (value <= 0) throw ApiProblem.invalidField(field, "must be positive");
    }

    private static void key(String key) {
        if (key.isBlank() || key.length() > 200) {
            throw ApiProblem.invalidField("idempotencyKey", "must be 1 to 200 characters");
        }
    }
}
