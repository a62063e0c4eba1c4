package io.switchboard.billing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.billing.CreditBalance;
import io.switchboard.billing.Credits;
import io.switchboard.billing.Hold;
import io.switchboard.billing.Settlement;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.db.DatabaseServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The credit ledger against the real database: random sequences (and concurrent mixes) of top-ups,
 * reservations, settlements, voids, refunds and replays never create or lose money, never let the
 * available amount go negative, and keep the cached totals equal to the sum of the entries.
 */
class LedgerPropertyTests {

    private Credits credits;
    private DSLContext owner;

    @BeforeProperty
    void beans() {
        var context = SpringForJqwik.context();
        credits = context.getBean(Credits.class);
        var server = context.getBean(DatabaseServer.class);
        owner = DSL.using(
                new DriverManagerDataSource(server.jdbcUrl(), server.ownerUser(), server.ownerPassword()),
                SQLDialect.POSTGRES);
    }

    sealed interface Op {}

    record TopUp(int amount, int keyPick) implements Op {}

    record Reserve(int amount, int keyPick) implements Op {}

    record Settle(int holdPick, int percent) implements Op {}

    record Void(int holdPick) implements Op {}

    record Refund(int amount, int keyPick) implements Op {}

    @Provide
    Arbitrary<Op> ops() {
        var amount = Arbitraries.integers().between(1, 5_000);
        var pick = Arbitraries.integers().between(0, 1_000);
        var key = Arbitraries.integers().between(0, 12); // small range: keys repeat, so replays happen
        return Arbitraries.oneOf(
                Combinators.combine(amount, key).as(TopUp::new),
                Combinators.combine(amount, key).as(Reserve::new),
                Combinators.combine(pick, Arbitraries.integers().between(0, 100))
                        .as(Settle::new),
                pick.map(Void::new),
                Combinators.combine(amount, key).as(Refund::new));
    }

    @Property(tries = 25)
    void sequencesKeepTheBooksBalanced(@ForAll @Size(max = 40) List<@net.jqwik.api.From("ops") Op> ops) {
        UUID org = newOrg();
        long expectedBalance = 0;
        long expectedHeld = 0;
        var topUps = new java.util.HashMap<String, Long>();
        var reserves = new java.util.HashMap<String, Hold>();
        var refunds = new java.util.HashSet<String>();
        var open = new ArrayList<Hold>();
        var closed = new ArrayList<Hold>();
        for (Op op : ops) {
            long available = expectedBalance - expectedHeld;
            switch (op) {
                case TopUp(int amount, int k) -> {
                    String key = "top-up-" + k;
                    credits.topUp(org, amount, "test", key);
                    if (topUps.putIfAbsent(key, (long) amount) == null) expectedBalance += amount;
                }
                case Reserve(int amount, int k) -> {
                    String key = "reserve-" + k;
                    Hold known = reserves.get(key);
                    if (known != null) {
                        assertThat(credits.reserve(org, amount, "call", Duration.ofMinutes(5), key)
                                        .id())
                                .as("same key, same hold")
                                .isEqualTo(known.id());
                    } else if (amount > available) {
                        assertThatThrownBy(() -> credits.reserve(org, amount, "call", Duration.ofMinutes(5), key))
                                .isInstanceOfSatisfying(
                                        ApiProblem.class,
                                        p -> assertThat(p.type().toString()).endsWith("insufficient-credits"));
                    } else {
                        Hold h = credits.reserve(org, amount, "call", Duration.ofMinutes(5), key);
                        reserves.put(key, h);
                        open.add(h);
                        expectedHeld += amount;
                    }
                }
                case Settle(int pick, int percent) -> {
                    if (open.isEmpty()) {
                        if (!closed.isEmpty()) {
                            // settling again is a no-op (or refused if it was voided)
                            Hold h = closed.get(pick % closed.size());
                            try {
                                credits.settle(org, h.id(), 0);
                            } catch (ApiProblem p) {
                                assertThat(p.type().toString()).endsWith("hold-closed");
                            }
                        }
                        continue;
                    }
                    Hold h = open.remove(pick % open.size());
                    long actual = h.amountMinor() * percent / 100;
                    Settlement s = credits.settle(org, h.id(), actual);
                    assertThat(s.spentMinor() + s.releasedMinor()).isEqualTo(h.amountMinor());
                    expectedHeld -= h.amountMinor();
                    expectedBalance -= actual;
                    closed.add(h);
                }
                case Void(int pick) -> {
                    if (open.isEmpty()) continue;
                    Hold h = open.remove(pick % open.size());
                    assertThat(credits.voidHold(org, h.id()).status()).isEqualTo(Hold.Status.VOIDED);
                    assertThat(credits.voidHold(org, h.id()).status())
                            .as("voiding twice")
                            .isEqualTo(Hold.Status.VOIDED);
                    expectedHeld -= h.amountMinor();
                    closed.add(h);
                }
                case Refund(int amount, int k) -> {
                    String key = "refund-" + k;
                    Ledger ledger = SpringForJqwik.context().getBean(Ledger.class);
                    if (refunds.contains(key)) {
                        ledger.refund(org, amount, key);
                    } else if (amount > available) {
                        assertThatThrownBy(() -> ledger.refund(org, amount, key))
                                .isInstanceOf(ApiProblem.class);
                    } else {
                        ledger.refund(org, amount, key);
                        refunds.add(key);
                        expectedBalance -= amount;
                    }
                }
            }
            CreditBalance b = credits.balance(org);
            assertThat(b.balanceMinor()).isEqualTo(expectedBalance);
            assertThat(b.heldMinor()).isEqualTo(expectedHeld);
            assertThat(b.availableMinor()).isGreaterThanOrEqualTo(0);
        }
        assertBooksBalance(org);
    }

    @Property(tries = 8)
    void concurrentClientsNeverOverspend(
            @ForAll @IntRange(min = 1_000, max = 20_000) int initial,
            @ForAll @Size(min = 20, max = 60) List<@IntRange(min = 1, max = 3_000) Integer> amounts)
            throws Exception {
        UUID org = newOrg();
        credits.topUp(org, initial, "start", "initial");
        var settledTotal = new java.util.concurrent.atomic.AtomicLong();
        var errors = new ConcurrentLinkedQueue<Throwable>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < amounts.size(); i++) {
                int amount = amounts.get(i);
                int n = i;
                futures.add(pool.submit(() -> {
                    try {
                        Hold h = credits.reserve(org, amount, "work", Duration.ofMinutes(1), "c-" + n);
                        // replay of the same request from another client
                        assertThat(credits.reserve(org, amount, "work", Duration.ofMinutes(1), "c-" + n)
                                        .id())
                                .isEqualTo(h.id());
                        if (n % 3 == 0) {
                            credits.voidHold(org, h.id());
                        } else {
                            long actual = amount / (1 + n % 4);
                            credits.settle(org, h.id(), actual);
                            credits.settle(org, h.id(), actual); // settling twice spends once
                            settledTotal.addAndGet(actual);
                        }
                        if (n % 5 == 0) credits.topUp(org, 100, "more", "more-" + n);
                    } catch (ApiProblem p) {
                        if (!p.type().toString().endsWith("insufficient-credits")) errors.add(p);
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            for (var f : futures) f.get();
        }
        assertThat(errors).isEmpty();
        long topUps = owner.fetchValue(
                                "select coalesce(sum(amount_minor), 0) from credit_entries where org_id = ? and kind = 'top_up'",
                                org)
                        instanceof Number n
                ? n.longValue()
                : -1;
        CreditBalance b = credits.balance(org);
        assertThat(b.heldMinor()).isZero();
        assertThat(b.balanceMinor()).isEqualTo(topUps - settledTotal.get());
        assertBooksBalance(org);
    }

    @Property(tries = 10)
    void theSameIdempotencyKeyPostsOnce(@ForAll @IntRange(min = 1, max = 100_000) int amount) {
        UUID org = newOrg();
        credits.topUp(org, amount, "payment", "checkout-1");
        credits.topUp(org, amount, "payment", "checkout-1");
        Hold first = credits.reserve(org, amount, "call", Duration.ofMinutes(1), "call-1");
        Hold second = credits.reserve(org, amount, "call", Duration.ofMinutes(1), "call-1");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(owner.fetchCount(
                        DSL.table("credit_entries"), DSL.field("org_id").eq(org)))
                .as("one top-up and one hold entry")
                .isEqualTo(2);
        assertThat(credits.balance(org).availableMinor()).isZero();
        assertBooksBalance(org);
    }

    @Property(tries = 5)
    void theSameKeyReservedConcurrentlyHoldsOnce(@ForAll @IntRange(min = 1, max = 1_000) int amount) throws Exception {
        UUID org = newOrg();
        // room for eight holds: only the idempotency key may stop the duplicates
        credits.topUp(org, amount * 8L, "payment", "checkout-1");
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<Hold>> holds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                holds.add(pool.submit(() -> credits.reserve(org, amount, "call", Duration.ofMinutes(1), "call-1")));
            }
            UUID first = holds.getFirst().get().id();
            for (Future<Hold> hold : holds) assertThat(hold.get().id()).isEqualTo(first);
        }
        assertThat(credits.balance(org).heldMinor()).isEqualTo(amount);
        assertBooksBalance(org);
    }

    /** Cached totals equal the entries; every entry's two sides cancel; nothing negative. */
    private void assertBooksBalance(UUID org) {
        var sums = owner.fetchOne("""
                select
                  coalesce(sum(case when credit_account in ('available','held') then amount_minor else 0 end)
                         - sum(case when debit_account in ('available','held') then amount_minor else 0 end), 0),
                  coalesce(sum(case when credit_account = 'held' then amount_minor else 0 end)
                         - sum(case when debit_account = 'held' then amount_minor else 0 end), 0),
                  coalesce(sum(case when credit_account = 'available' then amount_minor else 0 end)
                         - sum(case when debit_account = 'available' then amount_minor else 0 end), 0)
                from credit_entries where org_id = ?""", org);
        var account = owner.fetchOne("select balance_minor, held_minor from credit_accounts where org_id = ?", org);
        long cachedBalance = account == null ? 0 : ((Number) account.get(0)).longValue();
        long cachedHeld = account == null ? 0 : ((Number) account.get(1)).longValue();
        long balance = ((Number) sums.get(0)).longValue();
        long held = ((Number) sums.get(1)).longValue();
        long available = ((Number) sums.get(2)).longValue();
        assertThat(balance).as("balance = sum of entries").isEqualTo(cachedBalance);
        assertThat(held).as("held = sum of entries").isEqualTo(cachedHeld);
        assertThat(available).isGreaterThanOrEqualTo(0);
        assertThat(held).isGreaterThanOrEqualTo(0);
        long activeHolds = ((Number) owner.fetchValue(
                        "select coalesce(sum(amount_minor), 0) from credit_holds where org_id = ? and status = 'active'",
                        org))
                .longValue();
        assertThat(held).as("held = active holds").isEqualTo(activeHolds);
    }

    private UUID newOrg() {
        UUID id = UUID.randomUUID();
        owner.execute("insert into organizations (id, name) values (?, ?)", id, "ledger " + id);
        return id;
    }
}
