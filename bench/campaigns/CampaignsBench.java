// Campaign fan-out benchmark: a campaign over N tagged contacts is scheduled; the running
// application's dispatcher starts it and writes one claim row per eligible contact (keyset pages
// from the contacts module, INSERT ... ON CONFLICT DO NOTHING under UNIQUE (campaign, contact)).
// Reports the time from start to fan-out done (database clock) and rows/s, next to a plain
// INSERT ... SELECT of the same N rows into a table of the same shape, and pgbench TPC-B, all on
// the same PostgreSQL in the same run. The fan-out is then run a second time (a restart or a
// second node): it must add nothing.
// Run through bench/campaigns/run.sh: java -cp <extracted app + libs> CampaignsBench.java <outDir>
import io.switchboard.SwitchboardApplication;
import io.switchboard.shared.db.DatabaseServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

public class CampaignsBench {

    static final int CONTACTS = Integer.getInteger("contacts", 100_000);
    static final int SECONDS = Integer.getInteger("seconds", 20);

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        ConfigurableApplicationContext app = SpringApplication.run(
                SwitchboardApplication.class,
                "--server.port=0",
                "--switchboard.data-dir=" + out.resolve("data"),
                "--switchboard.bootstrap.admin-email=bench@bench.test",
                "--switchboard.bootstrap.admin-password=bench-password-1",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
        var report = new StringBuilder();
        try {
            DatabaseServer db = app.getBean(DatabaseServer.class);
            UUID org = UUID.randomUUID();
            UUID channel = UUID.randomUUID();
            UUID template = UUID.randomUUID();
            UUID campaign = UUID.randomUUID();
            try (Connection c = owner(db)) {
                exec(c, "insert into organizations (id, name) values ('" + org + "', 'bench')");
                exec(c, "insert into channels (id, org_id, type, name, public_id, config, rate_per_second) values ('" + channel + "', '" + org
                        + "', 'sandbox', 'bench', 'bench-" + channel + "', '{}', 50)");
                exec(c, "insert into message_templates (id, org_id, channel_id, name, language, category, body, status) values ('" + template
                        + "', '" + org + "', '" + channel + "', 'bench', 'en', 'marketing', 'Hello', 'local')");
                long t = System.nanoTime();
                exec(c, "insert into contacts (id, org_id, name, phone, tags) select gen_random_uuid(), '" + org
                        + "', 'Bench ' || g, '+1555' || lpad(g::text, 7, '0'), array['bench'] from generate_series(1, " + CONTACTS + ") g");
                // a few opted out, to be left out and counted
                exec(c, "update contacts set opted_out = true where org_id = '" + org + "' and phone like '%00'");
                exec(c, "analyze contacts");
                System.out.printf(Locale.ROOT, "seeded %d contacts in %.1f s%n", CONTACTS, (System.nanoTime() - t) / 1e9);
            }
            long optedOut = CONTACTS / 100;

            // baseline: the same rows with a plain INSERT ... SELECT (one statement, no pages, no API)
            double baselineSeconds;
            try (Connection c = owner(db)) {
                exec(c, "create table bench_claims (id bigint generated always as identity primary key, org_id uuid not null, campaign_id uuid not null, contact_id uuid not null, status text not null default 'pending', unique (campaign_id, contact_id))");
                long t = System.nanoTime();
                exec(c, "insert into bench_claims (org_id, campaign_id, contact_id) select org_id, '" + campaign + "', id from contacts where org_id = '"
                        + org + "' and tags @> array['bench'] and not opted_out on conflict do nothing");
                baselineSeconds = (System.nanoTime() - t) / 1e9;
                exec(c, "drop table bench_claims");
            }

            // the campaign: scheduled now; the dispatcher starts it and fans it out
            try (Connection c = owner(db)) {
                exec(c, "insert into campaigns (id, org_id, name, channel_id, template_id, audience, status, scheduled_at, rate_per_second) values ('"
                        + campaign + "', '" + org + "', 'bench', '" + channel + "', '" + template
                        + "', '{\"type\":\"filter\",\"filter\":{\"tags\":[\"bench\"],\"attributes\":{}}}', 'scheduled', now(), 1)");
            }
            long deadline = System.nanoTime() + 600_000_000_000L;
            double fanOutSeconds = -1;
            while (System.nanoTime() < deadline) {
                try (Connection c = owner(db); ResultSet r = c.createStatement().executeQuery(
                        "select extract(epoch from fanned_out_at - started_at) from campaigns where id = '" + campaign + "' and fanned_out_at is not null")) {
                    if (r.next()) {
                        fanOutSeconds = r.getDouble(1);
                        break;
                    }
                }
                Thread.sleep(50);
            }
            long claims = count(db, "select count(*) from campaign_recipients where campaign_id = '" + campaign + "'");
            // stop sending (the bench measures the fan-out), then fan out again as a restarted node would
            try (Connection c = owner(db)) {
                exec(c, "update campaigns set status = 'paused' where id = '" + campaign + "'");
                exec(c, "update campaigns set status = 'running', fanned_out_at = null where id = '" + campaign + "'");
            }
            long wait = System.nanoTime() + 600_000_000_000L;
            while (System.nanoTime() < wait && count(db, "select count(*) from campaigns where id = '" + campaign + "' and fanned_out_at is not null") == 0) {
                Thread.sleep(50);
            }
            long claimsAfterSecond = count(db, "select count(*) from campaign_recipients where campaign_id = '" + campaign + "'");
            try (Connection c = owner(db)) {
                exec(c, "update campaigns set status = 'cancelled' where id = '" + campaign + "'");
            }

            double tps = pgbench(db, out);
            long expected = CONTACTS - optedOut;
            report.append(String.format(Locale.ROOT, "Campaign fan-out benchmark, %d contacts (%d opted out), %s%n%n", CONTACTS, optedOut, java.time.Instant.now()));
            report.append(String.format(Locale.ROOT, "| %-46s | %10s | %10s | %14s |%n", "figure", "seconds", "rows/s", "÷ baseline"));
            report.append("|------------------------------------------------|------------|------------|----------------|\n");
            report.append(String.format(Locale.ROOT, "| %-46s | %10.2f | %10.0f | %14.2f |%n", "campaign fan-out (dispatcher, pages of 5,000)", fanOutSeconds, claims / fanOutSeconds, (claims / fanOutSeconds) / (expected / baselineSeconds)));
            report.append(String.format(Locale.ROOT, "| %-46s | %10.2f | %10.0f | %14s |%n", "baseline: plain INSERT ... SELECT", baselineSeconds, expected / baselineSeconds, "1.00"));
            report.append(String.format(Locale.ROOT, "| %-46s | %10s | %10.0f | %14s |%n", "pgbench TPC-B (-c 8) tps", "", tps, ""));
            report.append(String.format(Locale.ROOT, "%nClaims written: %d (expected %d); after a second fan-out: %d (must be equal).%n", claims, expected, claimsAfterSecond));
            report.append(String.format(Locale.ROOT, "Target: enqueue 100,000 in <= 20 s: %s%n", fanOutSeconds >= 0 && fanOutSeconds <= 20 ? "PASS" : "MISS"));
            System.out.print(report);
            Files.writeString(out.resolve("results.txt"), report.toString(), StandardCharsets.UTF_8);
            if (claims != expected || claimsAfterSecond != claims) System.exit(2);
        } finally {
            app.close();
        }
    }

    static Connection owner(DatabaseServer db) throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
    }

    static void exec(Connection c, String sql) throws Exception {
        c.createStatement().execute(sql);
    }

    static long count(DatabaseServer db, String sql) throws Exception {
        try (Connection c = owner(db); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static double pgbench(DatabaseServer db, Path out) throws Exception {
        String port = String.valueOf(java.net.URI.create(db.jdbcUrl().substring(5)).getPort());
        run("psql", "-h", "localhost", "-p", port, "-U", "postgres", "-d", "postgres",
                "-c", "DROP DATABASE IF EXISTS pgbench_bench", "-c", "CREATE DATABASE pgbench_bench");
        run("pgbench", "-h", "localhost", "-p", port, "-U", "postgres", "-i", "-s", "10", "-q", "pgbench_bench");
        String result = run("pgbench", "-h", "localhost", "-p", port, "-U", "postgres", "-c", "8", "-j", "2", "-T", String.valueOf(SECONDS), "pgbench_bench");
        Files.writeString(out.resolve("pgbench.txt"), result);
        var m = java.util.regex.Pattern.compile("tps = ([0-9.]+)").matcher(result);
        if (!m.find()) throw new IllegalStateException("no tps in pgbench output:\n" + result);
        return Double.parseDouble(m.group(1));
    }

    static String run(String... command) throws Exception {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ":\n" + text);
        return text;
    }
}
