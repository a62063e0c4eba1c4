// Outbound webhooks benchmark: N module events (billing's CreditsLow, published the way billing
// publishes it) go through the real transactional outbox (catalogue -> message + delivery rows) and
// the dispatcher (SKIP LOCKED claims, virtual-thread POSTs, batched outcome writes) to a local
// receiver that checks every Standard Webhooks signature and counts duplicates. Reports enqueue
// events/s and delivered/s (first publish to last 2xx recorded), next to pgbench TPC-B on the same
// PostgreSQL in the same run.
// Run through bench/webhooks/run.sh: java -cp <extracted app + libs> WebhooksBench.java <outDir>
import com.sun.net.httpserver.HttpServer;
import io.switchboard.SwitchboardApplication;
import io.switchboard.billing.CreditsLow;
import io.switchboard.shared.crypto.SecretBox;
import io.switchboard.shared.db.DatabaseServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

public class WebhooksBench {

    static final int EVENTS = Integer.getInteger("events", 20000);
    static final int ORGS = Integer.getInteger("orgs", 10);
    static final int PUBLISHERS = Integer.getInteger("publishers", 8);
    static final int RECEIVER_MS = Integer.getInteger("receiverMs", 0);
    static final int SECONDS = Integer.getInteger("seconds", 20); // pgbench duration

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path data = out.resolve("data");

        // the receiver: verifies each signature with its org's secret, counts each webhook-id once
        var secrets = new ConcurrentHashMap<String, byte[]>(); // path -> key
        var seen = ConcurrentHashMap.<String>newKeySet();
        var received = new AtomicLong();
        var duplicates = new AtomicLong();
        var badSignatures = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 1024);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
            byte[] key = secrets.get(exchange.getRequestURI().getPath());
            if (key == null || id == null || ts == null || sig == null || !verifies(key, id, ts, body, sig)) {
                badSignatures.incrementAndGet();
            }
            if (!seen.add(id == null ? UUID.randomUUID().toString() : id)) duplicates.incrementAndGet();
            received.incrementAndGet();
            if (RECEIVER_MS > 0) {
                try {
                    Thread.sleep(RECEIVER_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        int port = receiver.getAddress().getPort();

        ConfigurableApplicationContext app = SpringApplication.run(
                SwitchboardApplication.class,
                "--server.port=0",
                "--switchboard.data-dir=" + data,
                "--switchboard.bootstrap.admin-email=bench@bench.test",
                "--switchboard.bootstrap.admin-password=bench-password-1",
                "--switchboard.webhooks.allowed-hosts=localhost:" + port,
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
        var report = new StringBuilder();
        try {
            DatabaseServer db = app.getBean(DatabaseServer.class);
            SecretBox box = app.getBean(SecretBox.class);
            List<UUID> orgs = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword())) {
                var org = c.prepareStatement("insert into organizations (id, name) values (?, ?)");
                var endpoint = c.prepareStatement("""
                        insert into webhook_endpoints (id, org_id, url, event_types, secret_enc)
                        values (?, ?, ?, array['credits.low'], ?)""");
                for (int i = 0; i < ORGS; i++) {
                    UUID id = UUID.randomUUID();
                    orgs.add(id);
                    org.setObject(1, id);
                    org.setString(2, "bench " + id);
                    org.executeUpdate();
                    byte[] key = new byte[32];
                    new java.security.SecureRandom().nextBytes(key);
                    String path = "/hook/" + id;
                    secrets.put(path, key);
                    endpoint.setObject(1, UUID.randomUUID());
                    endpoint.setObject(2, id);
                    endpoint.setString(3, "http://localhost:" + port + path);
                    endpoint.setBytes(4, box.encryptString("webhook-secret", "whsec_" + Base64.getEncoder().encodeToString(key)));
                    endpoint.executeUpdate();
                }
            }

            // warm-up: a few hundred events end to end, then count from zero
            publish(app, orgs, 500, PUBLISHERS);
            await(db, 500, 120);
            received.set(0);
            seen.clear();
            long baseline = delivered(db);

            // 1. enqueue with the dispatcher stopped: the outbox alone (one transaction per event)
            var dispatcher = app.getBean("webhookDispatcher", org.springframework.context.Lifecycle.class);
            dispatcher.stop();
            long t0 = System.nanoTime();
            publish(app, orgs, EVENTS, PUBLISHERS);
            double enqueueSeconds = (System.nanoTime() - t0) / 1e9;
            // 2. drain the backlog: claims, signed POSTs, batched outcome writes
            long t1 = System.nanoTime();
            dispatcher.start();
            long done = await(db, baseline + EVENTS, 600) - baseline;
            double drainSeconds = (System.nanoTime() - t1) / 1e9;
            double perSecond = done / drainSeconds;
            // 3. both at once: publishers and the dispatcher share the machine
            long baseline2 = delivered(db);
            long t2 = System.nanoTime();
            publish(app, orgs, EVENTS, PUBLISHERS);
            long done2 = await(db, baseline2 + EVENTS, 600) - baseline2;
            double endToEnd = done2 / ((System.nanoTime() - t2) / 1e9);

            double tps = pgbench(db, out);
            report.append(String.format(Locale.ROOT, "Outbound webhooks benchmark, %d events over %d organisations (one endpoint each), %d publishers, receiver delay %d ms, %s%n%n",
                    EVENTS, ORGS, PUBLISHERS, RECEIVER_MS, java.time.Instant.now()));
            report.append(String.format(Locale.ROOT, "| %-44s | %12s | %14s |%n", "figure", "value", "÷ pgbench tps"));
            report.append("|----------------------------------------------|--------------|----------------|\n");
            report.append(String.format(Locale.ROOT, "| %-44s | %12.0f | %14.2f |%n", "events enqueued /s (outbox, in-transaction)", EVENTS / enqueueSeconds, EVENTS / enqueueSeconds / tps));
            report.append(String.format(Locale.ROOT, "| %-44s | %12.0f | %14.2f |%n", "deliveries /s (backlog drained, 2xx recorded)", perSecond, perSecond / tps));
            report.append(String.format(Locale.ROOT, "| %-44s | %12.0f | %14.2f |%n", "end to end /s (publish and deliver at once)", endToEnd, endToEnd / tps));
            report.append(String.format(Locale.ROOT, "| %-44s | %12.0f | %14s |%n", "pgbench TPC-B (-c " + PUBLISHERS + ") tps", tps, "1.00"));
            report.append(String.format(Locale.ROOT, "%nBacklog: delivered %d of %d in %.1f s (enqueued in %.1f s); end to end %d of %d; receiver saw %d requests, %d duplicates, %d bad signatures.%n",
                    done, EVENTS, drainSeconds, enqueueSeconds, done2, EVENTS, received.get(), duplicates.get(), badSignatures.get()));
            report.append(String.format(Locale.ROOT, "Target: >= 1,000 deliveries/s: %s%n", perSecond >= 1000 ? "PASS" : "MISS"));
            System.out.print(report);
            Files.writeString(out.resolve("results.txt"), report.toString(), StandardCharsets.UTF_8);
            if (badSignatures.get() > 0 || duplicates.get() > 0 || done < EVENTS || done2 < EVENTS) System.exit(2);
        } finally {
            app.close();
            receiver.stop(0);
        }
    }

    /** CreditsLow events from several threads, each outside a transaction (the outbox opens one). */
    static void publish(ConfigurableApplicationContext app, List<UUID> orgs, int count, int threads) throws InterruptedException {
        var next = new AtomicLong();
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                long i;
                while ((i = next.getAndIncrement()) < count) {
                    UUID org = orgs.get((int) (i % orgs.size()));
                    app.publishEvent(new CreditsLow(org, 100 + i, 1000, "EUR"));
                }
            }));
        }
        for (Thread w : workers) w.join();
    }

    static long delivered(DatabaseServer db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.ownerUser(), db.ownerPassword());
                ResultSet r = c.createStatement().executeQuery("select count(*) from webhook_deliveries where status = 'succeeded'")) {
            r.next();
            return r.getLong(1);
        }
    }

    static long await(DatabaseServer db, long target, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long n;
        while ((n = delivered(db)) < target && System.nanoTime() < deadline) Thread.sleep(20);
        return n;
    }

    static boolean verifies(byte[] key, String id, String ts, byte[] body, String header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String part : header.split(" ")) {
                if (part.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) return true;
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** pgbench TPC-B with as many clients as publishers, on a separate database of the same server. */
    static double pgbench(DatabaseServer db, Path out) throws Exception {
        String port = String.valueOf(java.net.URI.create(db.jdbcUrl().substring(5)).getPort());
        exec("psql", "-h", "localhost", "-p", port, "-U", "postgres", "-d", "postgres",
                "-c", "DROP DATABASE IF EXISTS pgbench_bench", "-c", "CREATE DATABASE pgbench_bench");
        exec("pgbench", "-h", "localhost", "-p", port, "-U", "postgres", "-i", "-s", "10", "-q", "pgbench_bench");
        String result = exec("pgbench", "-h", "localhost", "-p", port, "-U", "postgres",
                "-c", String.valueOf(PUBLISHERS), "-j", "2", "-T", String.valueOf(SECONDS), "pgbench_bench");
        Files.writeString(out.resolve("pgbench.txt"), result);
        var m = java.util.regex.Pattern.compile("tps = ([0-9.]+)").matcher(result);
        if (!m.find()) throw new IllegalStateException("no tps in pgbench output:\n" + result);
        return Double.parseDouble(m.group(1));
    }

    static String exec(String... command) throws Exception {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ":\n" + text);
        return text;
    }
}
