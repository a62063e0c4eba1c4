// Credit ledger benchmark: reserve+settle pairs per second with N concurrent clients against one hot
// organisation and across many organisations, through io.switchboard.billing.Credits inside the
// application (no HTTP), next to pgbench TPS on the same PostgreSQL, then the books are checked.
// Run through bench/billing/run.sh: java -cp <extracted app + libs> BillingBench.java <outDir>
import io.switchboard.SwitchboardApplication;
import io.switchboard.billing.CreditBalance;
import io.switchboard.billing.Credits;
import io.switchboard.billing.Hold;
import io.switchboard.shared.db.DatabaseServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

public class BillingBench {

    static final int CLIENTS = Integer.getInteger("clients", 8);
    static final int SECONDS = Integer.getInteger("seconds", 20);
    static final int ORGS = Integer.getInteger("orgs", 100);
    static final int WARMUP = Integer.getInteger("warmup", 5);
    static final long HOLD = 100;
    static final long SPENT = 60;
    static final long INITIAL = 1_000_000_000_000L;

    record Run(String name, long pairs, double seconds, long[] latenciesMicros) {
        double perSecond() {
            return pairs / seconds;
        }

        double percentileMs(double p) {
            if (latenciesMicros.length == 0) return Double.NaN;
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path data = out.resolve("data");
        ConfigurableApplicationContext app = SpringApplication.run(
                SwitchboardApplication.class,
                "--server.port=0",
                "--switchboard.data-dir=" + data,
                "--switchboard.bootstrap.admin-email=bench@bench.test",
                "--switchboard.bootstrap.admin-password=bench-password-1",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
        var report = new StringBuilder();
        try {
            Credits credits = app.getBean(Credits.class);
            DatabaseServer db = app.getBean(DatabaseServer.class);
            UUID hot = UUID.randomUUID();
            List<UUID> orgs = new ArrayList<>();
            for (int i = 0; i < ORGS; i++) orgs.add(UUID.randomUUID());
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())) {
                var insert = c.prepareStatement("insert into organizations (id, name) values (?, ?)");
                for (UUID id : concat(hot, orgs)) {
                    insert.setObject(1, id);
                    insert.setString(2, "bench " + id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            for (UUID id : concat(hot, orgs)) credits.topUp(id, INITIAL, "bench", "bench-initial");

            var perOrg = new AtomicLongArray(ORGS + 1); // index 0 = hot org
            run("warm-up", credits, hot, orgs, perOrg, WARMUP, true);
            Run hotRun = run("one hot organisation", credits, hot, orgs, perOrg, SECONDS, true);
            Run spreadRun = run("across " + ORGS + " organisations", credits, hot, orgs, perOrg, SECONDS, false);

            // the books: every org's balance = initial - spent per settled pair, nothing held, cached = entries
            List<String> problems = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())) {
                List<UUID> all = concat(hot, orgs);
                for (int i = 0; i < all.size(); i++) {
                    UUID id = all.get(i);
                    CreditBalance b = credits.balance(id);
                    long expected = INITIAL - SPENT * perOrg.get(i);
                    if (b.balanceMinor() != expected || b.heldMinor() != 0) {
                        problems.add(id + ": balance " + b.balanceMinor() + " expected " + expected + ", held " + b.heldMinor());
                    }
                    var q = c.prepareStatement("""
                            select coalesce(sum(case when credit_account in ('available','held') then amount_minor else 0 end)
                                          - sum(case when debit_account in ('available','held') then amount_minor else 0 end), 0),
                                   (select balance_minor from credit_accounts where org_id = ?),
                                   (select count(*) from credit_holds where org_id = ? and status = 'active')
                            from credit_entries where org_id = ?""");
                    q.setObject(1, id);
                    q.setObject(2, id);
                    q.setObject(3, id);
                    try (ResultSet r = q.executeQuery()) {
                        r.next();
                        if (r.getLong(1) != r.getLong(2) || r.getLong(3) != 0) {
                            problems.add(id + ": entries sum " + r.getLong(1) + " cached " + r.getLong(2) + ", active holds " + r.getLong(3));
                        }
                    }
                }
            }

            double tps = pgbench(db, out);
            report.append(String.format(Locale.ROOT, "Credit ledger benchmark, %d clients, %d s per run, %s%n%n", CLIENTS, SECONDS, java.time.Instant.now()));
            report.append(String.format(Locale.ROOT, "| %-32s | %10s | %8s | %8s | %14s |%n", "run", "pairs/s", "p50 ms", "p99 ms", "÷ pgbench tps"));
            report.append("|----------------------------------|------------|----------|----------|----------------|\n");
            for (Run r : List.of(hotRun, spreadRun)) {
                report.append(String.format(Locale.ROOT, "| %-32s | %10.0f | %8.2f | %8.2f | %14.2f |%n",
                        r.name(), r.perSecond(), r.percentileMs(0.5), r.percentileMs(0.99), r.perSecond() / tps));
            }
            report.append(String.format(Locale.ROOT, "| %-32s | %10.0f | %8s | %8s | %14s |%n", "pgbench TPC-B (-c " + CLIENTS + ") tps", tps, "", "", "1.00"));
            report.append(String.format(Locale.ROOT, "%nTargets: >= 2,000 pairs/s across organisations: %s; >= 500 pairs/s on one hot organisation: %s%n",
                    spreadRun.perSecond() >= 2000 ? "PASS" : "MISS", hotRun.perSecond() >= 500 ? "PASS" : "MISS"));
            report.append(problems.isEmpty()
                    ? String.format(Locale.ROOT, "Ledger check: OK (%d organisations, %d pairs; balance = sum of entries, nothing held, no money created or lost)%n",
                            ORGS + 1, total(perOrg))
                    : "Ledger check: FAILED\n" + String.join("\n", problems) + "\n");
            System.out.print(report);
            Files.writeString(out.resolve("results.txt"), report.toString(), StandardCharsets.UTF_8);
            if (!problems.isEmpty()) System.exit(2);
        } finally {
            app.close();
        }
    }

    static Run run(String name, Credits credits, UUID hot, List<UUID> orgs, AtomicLongArray perOrg, int seconds, boolean hotOnly)
            throws InterruptedException {
        var stop = new AtomicBoolean();
        var latencies = new ArrayList<long[]>();
        var counts = new long[CLIENTS];
        var threads = new ArrayList<Thread>();
        var errors = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
        long start = System.nanoTime();
        for (int t = 0; t < CLIENTS; t++) {
            int client = t;
            long[] lat = new long[2_000_000];
            latencies.add(lat);
            threads.add(Thread.ofPlatform().start(() -> {
                var random = ThreadLocalRandom.current();
                int n = 0;
                while (!stop.get()) {
                    int index = hotOnly ? 0 : 1 + random.nextInt(orgs.size());
                    UUID org = index == 0 ? hot : orgs.get(index - 1);
                    long t0 = System.nanoTime();
                    try {
                        Hold h = credits.reserve(org, HOLD, "bench call", Duration.ofMinutes(5), UUID.randomUUID().toString());
                        credits.settle(org, h.id(), SPENT);
                    } catch (Throwable e) {
                        errors.add(e);
                        continue;
                    }
                    perOrg.incrementAndGet(index);
                    if (n < lat.length) lat[n] = (System.nanoTime() - t0) / 1000;
                    n++;
                }
                counts[client] = n;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) t.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!errors.isEmpty()) throw new IllegalStateException(errors.size() + " errors in " + name, errors.peek());
        long pairs = Arrays.stream(counts).sum();
        long[] all = new long[(int) Math.min(pairs, Integer.MAX_VALUE - 8)];
        int k = 0;
        for (int t = 0; t < CLIENTS; t++) {
            int take = (int) Math.min(counts[t], latencies.get(t).length);
            System.arraycopy(latencies.get(t), 0, all, k, take);
            k += take;
        }
        System.out.printf(Locale.ROOT, "%s: %d pairs in %.1f s%n", name, pairs, elapsed);
        return new Run(name, pairs, elapsed, Arrays.copyOf(all, k));
    }

    /** pgbench TPC-B with the same number of clients on a separate database of the same server. */
    static double pgbench(DatabaseServer db, Path out) throws Exception {
        String port = String.valueOf(java.net.URI.create(db.jdbcUrl().substring(5)).getPort());
        exec(out, "psql", "-h", "localhost", "-p", port, "-U", "postgres", "-d", "postgres",
                "-c", "DROP DATABASE IF EXISTS pgbench_bench", "-c", "CREATE DATABASE pgbench_bench");
        exec(out, "pgbench", "-h", "localhost", "-p", port, "-U", "postgres", "-i", "-s", "10", "-q", "pgbench_bench");
        String result = exec(out, "pgbench", "-h", "localhost", "-p", port, "-U", "postgres",
                "-c", String.valueOf(CLIENTS), "-j", "2", "-T", String.valueOf(SECONDS), "pgbench_bench");
        Files.writeString(out.resolve("pgbench.txt"), result);
        var m = java.util.regex.Pattern.compile("tps = ([0-9.]+)").matcher(result);
        if (!m.find()) throw new IllegalStateException("no tps in pgbench output:\n" + result);
        return Double.parseDouble(m.group(1));
    }

    static String exec(Path out, String... command) throws Exception {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ":\n" + text);
        return text;
    }

    static long total(AtomicLongArray counts) {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) sum += counts.get(i);
        return sum;
    }

    static List<UUID> concat(UUID first, List<UUID> rest) {
        var all = new ArrayList<UUID>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
