// Channels benchmark: signed WhatsApp Cloud webhooks in, paced sends out, and a kill -9 in the middle.
// Run through bench/channels/run.sh (it builds the jar). Plain JDK only: java ChannelsBench.java <jar> <outDir>
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class ChannelsBench {

    static final String APP_SECRET = "bench-app-secret";
    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static final int INGEST_MESSAGES = Integer.getInteger("ingest", 20_000);
    static final int INGEST_CONCURRENCY = Integer.getInteger("ingestConcurrency", 64);
    static final int SEND_MESSAGES = Integer.getInteger("send", 10_000);
    static final double SEND_RATE = Double.parseDouble(System.getProperty("rate", "200"));
    static final int KILL_MESSAGES = Integer.getInteger("killSend", 3_000);

    // what the fake Graph API received: message text -> arrival times (ns)
    static final Map<String, List<Long>> received = new ConcurrentHashMap<>();
    static final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

    static Path jar;
    static Path dataDir;
    static int appPort;
    static int fakePort;
    static Process app;
    static String token;

    public static void main(String[] args) throws Exception {
        jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        dataDir = out.resolve("channels-data-" + System.currentTimeMillis());
        Files.createDirectories(dataDir);
        startFakeGraph();
        appPort = freePort();
        startApp();
        token = login();
        String channelId = createChannel();
        var results = new ArrayList<String[]>();

        // ---- ingest
        var ingest = ingest(channelId);
        results.add(row("webhooks accepted /s", fmt(ingest.acceptedPerSecond), "target >= 1500"));
        results.add(row("webhook ack p50 / p99 ms", fmt(ingest.p50) + " / " + fmt(ingest.p99), "target p99 <= 100"));
        results.add(row("processed messages /s (to inbox)", fmt(ingest.processedPerSecond), "target >= 1000"));
        var stored = psql("select count(*) || ' ' || count(distinct provider_message_id) from messages where provider_message_id like 'wamid.bench-%'").trim().split(" ");
        results.add(row("acknowledged / stored / distinct", ingest.acknowledged + " / " + stored[0] + " / " + stored[1], "lost " + (ingest.acknowledged - Integer.parseInt(stored[1])) + ", duplicated " + (Integer.parseInt(stored[0]) - Integer.parseInt(stored[1]))));

        if (Boolean.getBoolean("ingestOnly")) {
            stopApp(false);
            results.forEach(r -> System.out.printf("%-58s | %-26s | %s%n", r[0], r[1], r[2]));
            return;
        }

        // ---- paced sends
        List<String> conversations = conversations(100);
        var pacing = send(conversations, "pace", SEND_MESSAGES);
        results.add(row("send rate achieved /s (cap " + fmt(SEND_RATE) + ")", fmt(pacing.rate), "within 2%: " + (Math.abs(pacing.rate - SEND_RATE) / SEND_RATE <= 0.02)));
        results.add(row("max sends in any 1 s window", Integer.toString(pacing.maxWindow), "never above cap: " + (pacing.maxWindow <= Math.ceil(SEND_RATE))));
        results.add(row("queued / received by provider / duplicates", pacing.accepted + " / " + pacing.received + " / " + pacing.duplicates, SEND_MESSAGES - pacing.accepted + " replies refused at the API"));

        // ---- kill -9 while sending
        var crash = sendWithKill(conversations, KILL_MESSAGES);
        results.add(row("kill -9 mid-send: queued / delivered once / duplicates", KILL_MESSAGES + " / " + crash.received + " / " + crash.duplicates, "failed visibly (delivery unknown): " + crash.failedUnknown));

        // ---- baseline on the same PostgreSQL
        double tps = pgbench();
        results.add(row("pgbench select-only tps (same PostgreSQL)", fmt(tps), "baseline"));
        results.add(row("processed messages per pgbench tps", String.format("%.4f", ingest.processedPerSecond / tps), "ratio"));
        results.add(row("accepted webhooks per pgbench tps", String.format("%.4f", ingest.acceptedPerSecond / tps), "ratio"));

        stopApp(false);
        var report = new StringBuilder("Switchboard channels benchmark\n\n");
        report.append(String.format("%-58s | %-26s | %s%n", "figure", "value", "note"));
        report.append("-".repeat(58)).append("-+-").append("-".repeat(26)).append("-+-").append("-".repeat(30)).append('\n');
        for (String[] r : results) report.append(String.format("%-58s | %-26s | %s%n", r[0], r[1], r[2]));
        System.out.print(report);
        Files.writeString(out.resolve("channels-results-" + System.currentTimeMillis() + ".txt"), report);
    }

    record IngestResult(int acknowledged, double acceptedPerSecond, double p50, double p99, double processedPerSecond) {}

    static IngestResult ingest(String channelId) throws Exception {
        URI uri = URI.create("http://localhost:" + appPort + "/webhooks/whatsapp/" + channelId);
        var latencies = new ConcurrentLinkedQueue<Double>();
        var acknowledged = new AtomicInteger();
        var next = new AtomicInteger();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < INGEST_CONCURRENCY; w++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < INGEST_MESSAGES) {
                        String body = metaWebhook(i);
                        var request = HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Signature-256", "sha256=" + hmac(body))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        try {
                            var response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() == 200) {
                                acknowledged.incrementAndGet();
                                latencies.add((System.nanoTime() - t0) / 1e6);
                            }
                        } catch (IOException | InterruptedException e) {
                            // not acknowledged
                        }
                    }
                    return null;
                });
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        // processing: until the inbox has every message
        while (Long.parseLong(psql("select count(*) from inbound_events where status in ('pending', 'processing')").trim()) > 0) Thread.sleep(100);
        double processSeconds = (System.nanoTime() - start) / 1e9;
        var sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new IngestResult(acknowledged.get(), acknowledged.get() / sendSeconds, percentile(sorted, 0.50), percentile(sorted, 0.99), acknowledged.get() / processSeconds);
    }

    record PacingResult(double rate, int maxWindow, int received, int duplicates, int accepted) {}

    static PacingResult send(List<String> conversations, String tag, int requested) throws Exception {
        arrivals.clear();
        int count = enqueueReplies(conversations, tag, requested);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (countReceived(tag) < count && System.nanoTime() < deadline) Thread.sleep(200);
        var times = new ArrayList<>(arrivals);
        Collections.sort(times);
        double rate = times.size() < 2 ? 0 : (times.size() - 1) / ((times.getLast() - times.getFirst()) / 1e9);
        int maxWindow = 0;
        for (int lo = 0, hi = 0; hi < times.size(); hi++) {
            while (times.get(hi) - times.get(lo) >= 1_000_000_000L) lo++;
            maxWindow = Math.max(maxWindow, hi - lo + 1);
        }
        return new PacingResult(rate, maxWindow, countReceived(tag), duplicates(tag), count);
    }

    record CrashResult(int received, int duplicates, String failedUnknown) {}

    static CrashResult sendWithKill(List<String> conversations, int count) throws Exception {
        count = enqueueReplies(conversations, "crash", count);
        while (countReceived("crash") < count / 3) Thread.sleep(20);
        stopApp(true); // kill -9
        startApp();
        token = login();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && Long.parseLong(psql("select count(*) from outbound_messages where status in ('queued','claimed','sending')").trim()) > 0) Thread.sleep(500);
        String failed = psql("select count(*) from outbound_messages where status = 'failed'").trim();
        return new CrashResult(countReceived("crash"), duplicates("crash"), failed);
    }

    /** Queues replies through the public API; answers how many were accepted (201). */
    static int enqueueReplies(List<String> conversations, String tag, int count) throws Exception {
        var next = new AtomicInteger();
        var accepted = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 8; w++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        var r = post("/api/v1/conversations/" + conversations.get(i % conversations.size()) + "/messages", "{\"text\":\"" + tag + "-" + i + "\"}");
                        if (r.statusCode() == 201) accepted.incrementAndGet();
                        else System.err.println("reply refused: " + r.statusCode() + " " + r.body());
                    }
                    return null;
                });
            }
        }
        return accepted.get();
    }

    static int countReceived(String tag) {
        return (int) received.keySet().stream().filter(k -> k.startsWith(tag + "-")).count();
    }

    static int duplicates(String tag) {
        return received.entrySet().stream().filter(e -> e.getKey().startsWith(tag + "-")).mapToInt(e -> e.getValue().size() - 1).sum();
    }

    // ---- the fake WhatsApp Graph API: answers like Meta and records what arrived

    static void startFakeGraph() throws IOException {
        fakePort = freePort();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", fakePort), 512);
        Pattern text = Pattern.compile("\"body\"\\s*:\\s*\"([^\"]+)\"");
        var ids = new AtomicInteger();
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean authorized = "Bearer bench-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            Matcher m = text.matcher(body);
            byte[] answer;
            if (!authorized || !m.find()) {
                answer = "{\"error\":{\"message\":\"bad request\",\"code\":100}}".getBytes();
                exchange.sendResponseHeaders(authorized ? 400 : 401, answer.length);
            } else {
                long now = System.nanoTime();
                arrivals.add(now);
                received.computeIfAbsent(m.group(1), k -> Collections.synchronizedList(new ArrayList<>())).add(now);
                answer = ("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out-" + ids.incrementAndGet() + "\"}]}").getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
            }
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    // ---- the application as a process

    static void startApp() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>(List.of(java, "-Xmx1g"));
        // e.g. -DappOpts=-XX:StartFlightRecording=filename=bench/out/app.jfr to profile the server
        String appOpts = System.getProperty("appOpts", "");
        if (!appOpts.isBlank()) command.addAll(List.of(appOpts.split(" ")));
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + appPort, "--switchboard.data-dir=" + dataDir,
                "--switchboard.bootstrap.admin-email=bench@bench.test", "--switchboard.bootstrap.admin-password=bench-password-1",
                "--switchboard.providers.whatsapp-graph-base-url=http://127.0.0.1:" + fakePort));
        var pb = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("app.log").toFile()));
        app = pb.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + appPort + "/actuator/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // starting
            }
            if (!app.isAlive()) throw new IllegalStateException("app exited; see " + dataDir.resolve("app.log"));
            Thread.sleep(100);
        }
        throw new IllegalStateException("app did not start");
    }

    static void stopApp(boolean kill) throws InterruptedException {
        if (kill) app.destroyForcibly(); else app.destroy();
        app.waitFor();
    }

    static String login() throws Exception {
        var r = post("/api/v1/auth/login", "{\"email\":\"bench@bench.test\",\"password\":\"bench-password-1\"}");
        Matcher m = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) throw new IllegalStateException("login failed: " + r.body());
        return m.group(1);
    }

    static String createChannel() throws Exception {
        var r = post("/api/v1/channels", "{\"type\":\"whatsapp_cloud\",\"name\":\"bench\",\"ratePerSecond\":" + SEND_RATE
                + ",\"config\":{\"phoneNumberId\":\"1234567890\",\"wabaId\":\"1\",\"accessToken\":\"bench-token\",\"appSecret\":\"" + APP_SECRET + "\",\"verifyToken\":\"bench-verify\"}}");
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) throw new IllegalStateException("channel: " + r.body());
        return m.group(1);
    }

    /** Ids of the most recent conversations (their contacts just wrote: WhatsApp's window is open). */
    static List<String> conversations(int size) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + appPort + "/api/v1/conversations?size=" + size)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\\{\"id\":\"([^\"]+)\"").matcher(r.body());
        var ids = new ArrayList<String>();
        while (m.find()) ids.add(m.group(1));
        if (ids.isEmpty()) throw new IllegalStateException("no conversation: " + r.body());
        return ids;
    }

    static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + appPort + path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- helpers

    static String metaWebhook(int i) {
        long waId = 14155500000L + (i % 2000);
        long ts = System.currentTimeMillis() / 1000;
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\"1234567890\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Bench " + (i % 2000) + "\"},\"wa_id\":\"" + waId + "\"}],"
                + "\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"wamid.bench-" + i + "\",\"timestamp\":\"" + ts + "\",\"type\":\"text\",\"text\":{\"body\":\"hello " + i + "\"}}]}}]}]}";
    }

    static String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String psql(String sql) throws IOException, InterruptedException {
        String port = Files.readString(dataDir.resolve("postgres.port")).trim();
        var p = new ProcessBuilder("psql", "-h", "localhost", "-p", port, "-U", "postgres", "-d", "switchboard", "-At", "-c", sql).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static double pgbench() throws IOException, InterruptedException {
        String port = Files.readString(dataDir.resolve("postgres.port")).trim();
        run("psql", "-h", "localhost", "-p", port, "-U", "postgres", "-d", "postgres", "-c", "create database pgbench_bench");
        run("pgbench", "-h", "localhost", "-p", port, "-U", "postgres", "-i", "-s", "10", "-q", "pgbench_bench");
        String out = run("pgbench", "-h", "localhost", "-p", port, "-U", "postgres", "-S", "-c", "16", "-j", "2", "-T", "15", "pgbench_bench");
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static String run(String... command) throws IOException, InterruptedException {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static double percentile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static String[] row(String figure, String value, String note) {
        return new String[] {figure, value, note};
    }

    static String fmt(double v) {
        return String.format("%.1f", v);
    }

    static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
