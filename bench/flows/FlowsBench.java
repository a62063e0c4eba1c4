// Flows benchmark: a published 10-node flow (no LLM, no HTTP) answers sandbox messages; per inbound
// message the latency from the inbound event's arrival to the flow's last reply being queued, and the
// messages/s and flow steps/s of the run, next to the plain sandbox ingest path (arrival to message
// stored, channel with neither flow nor agent) measured in the same run, interleaved.
// Run through bench/flows/run.sh (it builds the jar). Plain JDK only: java FlowsBench.java <jar> <outDir>
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FlowsBench {

    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static final int MESSAGES = Integer.getInteger("messages", 1000);
    static final int WARMUP = Integer.getInteger("warmup", 100);
    static final double RATE = Double.parseDouble(System.getProperty("rate", "200"));

    /** start -> set -> condition -> message -> set -> set -> condition -> message -> update_contact -> end: 10 nodes, 9 edges. */
    static final String FLOW = """
            {"nodes":[
             {"id":"start","type":"start","data":{"triggers":[{"type":"keyword","keywords":["order"]}]}},
             {"id":"n1","type":"set_variable","data":{"variable":"qty","value":"3"}},
             {"id":"n2","type":"condition","data":{"rules":[{"id":"many","expression":"qty >= 2 && last_message contains \\"order\\""}]}},
             {"id":"n3","type":"message","data":{"text":"Hi {{contact.name}}, noted {{qty}} items."}},
             {"id":"n4","type":"set_variable","data":{"variable":"price","value":"qty * 12.5"}},
             {"id":"n5","type":"set_variable","data":{"variable":"label","value":"{{qty}} x 12.50 = {{price}}"}},
             {"id":"n6","type":"condition","data":{"rules":[{"id":"big","expression":"price > 100"}]}},
             {"id":"n7","type":"message","data":{"text":"Total {{label}}"}},
             {"id":"n8","type":"update_contact","data":{"addTags":["bench-order"]}},
             {"id":"end","type":"end","data":{"message":"done, thanks!"}}],
             "edges":[
             {"source":"start","sourceHandle":"next","target":"n1"},{"source":"n1","sourceHandle":"next","target":"n2"},
             {"source":"n2","sourceHandle":"many","target":"n3"},{"source":"n2","sourceHandle":"else","target":"n3"},
             {"source":"n3","sourceHandle":"next","target":"n4"},{"source":"n4","sourceHandle":"next","target":"n5"},
             {"source":"n5","sourceHandle":"next","target":"n6"},{"source":"n6","sourceHandle":"big","target":"n7"},
             {"source":"n6","sourceHandle":"else","target":"n7"},{"source":"n7","sourceHandle":"next","target":"n8"},
             {"source":"n8","sourceHandle":"next","target":"end"}]}""";

    static Path jar;
    static Path dataDir;
    static int appPort;
    static Process app;
    static String token;

    public static void main(String[] args) throws Exception {
        jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        dataDir = out.resolve("flows-run-" + stamp);
        Files.createDirectories(dataDir);
        appPort = freePort();
        try {
            startApp();
            token = login();
            String orgId = get("/api/v1/me").replaceAll("(?s).*\"organization\"\\s*:\\s*\\{[^}]*?\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
            HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/admin/organizations/" + orgId + "/plan"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"planId\":\"enterprise\"}")).build(), HttpResponse.BodyHandlers.ofString());
            String flow = id(post("/api/v1/flows", "{\"name\":\"bench order flow\",\"document\":" + FLOW + "}"), 201);
            var published = post("/api/v1/flows/" + flow + "/publish", "{}");
            if (published.statusCode() != 200) throw new IllegalStateException("publish: " + published.body());
            String flowChannel = id(post("/api/v1/channels", "{\"type\":\"sandbox\",\"name\":\"flow\"}"), 201);
            // the flow answers on every channel of the organisation: the baseline lives in its own organisation
            String plainChannel = plainChannelInOtherOrg();

            send(flowChannel, plainChannel, "warm", WARMUP);
            awaitReplies(flowChannel, WARMUP);
            awaitProcessed(plainChannel, WARMUP);
            psql("delete from flow_steps");
            long start = System.nanoTime();
            send(flowChannel, plainChannel, "bench", MESSAGES);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            awaitReplies(flowChannel, WARMUP + MESSAGES);
            awaitProcessed(plainChannel, WARMUP + MESSAGES);

            String flowFigures = psql("""
                    with x as (
                      select e.received_at,
                             (select max(o.created_at) from messages r join outbound_messages o on o.message_id = r.id
                               where r.conversation_id = m.conversation_id and r.sender_type = 'agent') as replied_at
                        from messages m
                        join inbound_events e on e.channel_id = m.channel_id and (e.payload::jsonb ->> 'id') = m.provider_message_id
                       where m.channel_id = '%s' and m.direction = 'inbound' and m.provider_message_id like 'bench-%%')
                    select count(*), count(replied_at),
                           percentile_cont(0.5) within group (order by extract(epoch from replied_at - received_at) * 1000),
                           percentile_cont(0.99) within group (order by extract(epoch from replied_at - received_at) * 1000),
                           extract(epoch from max(replied_at) - min(received_at))
                      from x
                    """.formatted(flowChannel));
            String plainFigures = psql("""
                    with x as (select received_at, processed_at from inbound_events
                                where channel_id = '%s' and (payload::jsonb ->> 'id') like 'bench-%%')
                    select count(*), count(processed_at),
                           percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at) * 1000),
                           percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at) * 1000),
                           extract(epoch from max(processed_at) - min(received_at))
                      from x
                    """.formatted(plainChannel));
            String steps = psql("select count(*) from flow_steps").strip();
            double[] f = numbers(flowFigures);
            double[] p = numbers(plainFigures);
            double flowRate = f[1] / f[4];
            double plainRate = p[1] / p[4];
            var table = new StringBuilder();
            table.append(String.format("Flows bench %s: %d messages per path offered at %.0f/s each (sent in %.1f s), 10-node flow, no LLM%n",
                    stamp, MESSAGES, RATE, sendSeconds));
            table.append(String.format("%-56s %10s %10s %12s%n", "path", "p50 ms", "p99 ms", "messages/s"));
            table.append(String.format("%-56s %10.1f %10.1f %12.1f%n", "flow: inbound arrived -> last flow reply queued (" + (int) f[1] + "/" + (int) f[0] + ")", f[2], f[3], flowRate));
            table.append(String.format("%-56s %10.1f %10.1f %12.1f%n", "baseline: inbound arrived -> stored (no flow, no agent)", p[2], p[3], plainRate));
            table.append(String.format("%-56s %10.2f %10.2f %12.2f%n", "ratio flow / baseline", f[2] / p[2], f[3] / p[3], flowRate / plainRate));
            table.append(String.format("flow steps recorded: %s (%.0f steps/s)%n", steps, Double.parseDouble(steps) / f[4]));
            table.append(String.format("target >= 1,000 messages/s through flows on 2 cores: %s (offered load %.0f/s; raise -Drate to probe)%n",
                    flowRate >= 1000 ? "PASS" : "MISS", RATE));
            System.out.print(table);
            Files.writeString(out.resolve("flows-results-" + stamp + ".txt"), table.toString());
        } finally {
            if (app != null) {
                app.destroy();
                app.waitFor();
            }
        }
    }

    /** A second organisation (signup) with a sandbox channel: no published flow reaches it. */
    static String plainChannelInOtherOrg() throws Exception {
        String own = token;
        var signup = post("/api/v1/auth/signup", "{\"organizationName\":\"bench baseline\",\"name\":\"Bench\",\"email\":\"baseline@bench.test\",\"password\":\"bench-password-2\"}");
        Matcher m = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(signup.body());
        if (!m.find()) throw new IllegalStateException("signup: " + signup.statusCode() + " " + signup.body());
        token = m.group(1);
        String channel = id(post("/api/v1/channels", "{\"type\":\"sandbox\",\"name\":\"plain\"}"), 201);
        plainToken = token;
        token = own;
        return channel;
    }

    static String plainToken;

    /** Offers both paths at RATE/s each; requests go out concurrently (virtual threads) so a slow answer never lowers the offered load. */
    static void send(String flowChannel, String plainChannel, String tag, int count) throws Exception {
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < count; i++) {
                String phone = String.format("%04d", i);
                int n = i;
                futures.add(pool.submit(() -> {
                    inbound(flowChannel, token, tag + "-f-" + n, (tag.equals("warm") ? "+1415600" : "+1415700") + phone, "order " + n);
                    return null;
                }));
                futures.add(pool.submit(() -> {
                    inbound(plainChannel, plainToken, tag + "-p-" + n, (tag.equals("warm") ? "+1415601" : "+1415800") + phone, "order " + n);
                    return null;
                }));
                pace(start, i + 1);
            }
            for (var f : futures) f.get();
        }
    }

    static void inbound(String channel, String as, String id, String from, String text) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/channels/" + channel + "/sandbox/messages"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + as)
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + from + "\",\"name\":\"Bench\",\"text\":\"" + text + "\",\"id\":\"" + id + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) throw new IllegalStateException("inbound: " + r.body());
    }

    static void pace(long start, int sent) throws InterruptedException {
        long due = start + (long) (sent * 1e9 / RATE);
        long wait = due - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }

    static void awaitReplies(String channel, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            String n = psql("select count(*) from messages where channel_id = '" + channel + "' and sender_type = 'agent' and content::text like '%done%'").strip();
            if (Integer.parseInt(n) >= count) return;
            Thread.sleep(200);
        }
        throw new IllegalStateException("flow replies missing");
    }

    static void awaitProcessed(String channel, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            String n = psql("select count(*) from inbound_events where channel_id = '" + channel + "' and status = 'done'").strip();
            if (Integer.parseInt(n) >= count) return;
            Thread.sleep(200);
        }
        throw new IllegalStateException("inbound events not processed");
    }

    // ---- plumbing (as in bench/channels)

    static String base() {
        return "http://localhost:" + appPort;
    }

    static void startApp() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>(List.of(java, "-Xmx1g"));
        String appOpts = System.getProperty("appOpts", "");
        if (!appOpts.isBlank()) command.addAll(List.of(appOpts.split(" ")));
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + appPort, "--switchboard.data-dir=" + dataDir.resolve("data"),
                "--switchboard.bootstrap.admin-email=bench@bench.test", "--switchboard.bootstrap.admin-password=bench-password-1"));
        app = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("app.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // starting
            }
            if (!app.isAlive()) throw new IllegalStateException("app exited; see " + dataDir.resolve("app.log"));
            Thread.sleep(100);
        }
        throw new IllegalStateException("app did not start");
    }

    static String login() throws Exception {
        var r = post("/api/v1/auth/login", "{\"email\":\"bench@bench.test\",\"password\":\"bench-password-1\"}");
        Matcher m = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) throw new IllegalStateException("login failed: " + r.body());
        return m.group(1);
    }

    static String id(HttpResponse<String> r, int status) {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != status || !m.find()) throw new IllegalStateException(r.statusCode() + ": " + r.body());
        return m.group(1);
    }

    static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String psql(String sql) throws IOException, InterruptedException {
        String port = Files.readString(dataDir.resolve("data").resolve("postgres.port")).trim();
        var p = new ProcessBuilder("psql", "-h", "localhost", "-p", port, "-U", "postgres", "-d", "switchboard", "-At", "-F", " ", "-c", sql)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("psql: " + out);
        return out;
    }

    static double[] numbers(String row) {
        String[] parts = row.strip().split("\\s+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = parts[i].isEmpty() ? Double.NaN : Double.parseDouble(parts[i]);
        return out;
    }

    static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
