// Agents benchmark: an offline agent with a knowledge base answers sandbox messages; latency from the
// inbound event's arrival to the agent's reply being queued, next to the sandbox ingest round trip
// (arrival to message stored) of a channel without an agent, in the same run.
// Run through bench/agents/run.sh (it builds the jar). Plain JDK only: java AgentsBench.java <jar> <outDir>
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

public class AgentsBench {

    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static final int MESSAGES = Integer.getInteger("messages", 300);
    static final int WARMUP = Integer.getInteger("warmup", 30);
    static final double RATE = Double.parseDouble(System.getProperty("rate", "10"));
    static final String[] QUESTIONS = {
        "What time is check-in?", "Is breakfast included?", "Do you have parking?", "Can I bring my dog?",
        "How do I cancel my booking?", "Is there wifi in the rooms?", "When is the pool open?",
        "Do you have an airport shuttle?", "Can I get a late checkout?", "Is the gym free for guests?"
    };

    static Path jar;
    static Path dataDir;
    static int appPort;
    static Process app;
    static String token;

    public static void main(String[] args) throws Exception {
        jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        dataDir = out.resolve("agents-run-" + stamp);
        Files.createDirectories(dataDir);
        appPort = freePort();
        startApp();
        try {
            token = login();
            // the demo organisation starts on the trial plan (50 AI replies): the bench needs more
            String orgId = get("/api/v1/me").replaceAll("(?s).*\"organization\"\\s*:\\s*\\{[^}]*?\"id\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
            var plan = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/admin/organizations/" + orgId + "/plan"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"planId\":\"enterprise\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (plan.statusCode() != 200) throw new IllegalStateException("could not lift the plan: " + plan.body());
            String kb = createKnowledgeBase();
            String agent = id(post("/api/v1/agents", """
                    {"name":"bench agent","settings":{"instructions":"You are the front desk of Hotel Nova.",
                     "knowledgeBaseIds":["%s"],
                     "handoff":{"maxFailedAnswers":0},
                     "intents":[{"name":"greeting","examples":["hello","hi there","good morning"]},
                                {"name":"talk_to_human","examples":["talk to a person","human please"]}]}}
                    """.formatted(kb)), 201);
            String agentChannel = id(post("/api/v1/channels", "{\"type\":\"sandbox\",\"name\":\"with agent\",\"agentId\":\"" + agent + "\"}"), 201);
            String plainChannel = id(post("/api/v1/channels", "{\"type\":\"sandbox\",\"name\":\"no agent\"}"), 201);

            // warm-up (JIT, embedding model, index readers), not measured
            send(agentChannel, "warm", WARMUP);
            send(plainChannel, "warm", WARMUP);
            awaitReplies(agentChannel, WARMUP);
            psql("delete from agent_runs"); // the pipeline figures below cover measured messages only
            // measured: interleaved so both see the same machine
            long start = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                inbound(agentChannel, "bench-a-" + i, "+1415700" + String.format("%04d", i), QUESTIONS[i % QUESTIONS.length]);
                inbound(plainChannel, "bench-p-" + i, "+1415800" + String.format("%04d", i), QUESTIONS[i % QUESTIONS.length]);
                pace(start, i + 1);
            }
            awaitReplies(agentChannel, WARMUP + MESSAGES);
            awaitProcessed(plainChannel, WARMUP + MESSAGES);

            String agentFigures = psql("""
                    with x as (
                      select extract(epoch from (
                               (select min(o.created_at) from messages r join outbound_messages o on o.message_id = r.id
                                 where r.conversation_id = m.conversation_id and r.sender_type = 'agent')
                               - e.received_at)) * 1000 as ms
                        from messages m
                        join inbound_events e on e.channel_id = m.channel_id and (e.payload::jsonb ->> 'id') = m.provider_message_id
                       where m.channel_id = '%s' and m.direction = 'inbound' and m.provider_message_id like 'bench-a-%%')
                    select count(*), count(ms), percentile_cont(0.5) within group (order by ms),
                           percentile_cont(0.95) within group (order by ms), max(ms) from x
                    """.formatted(agentChannel));
            String baselineFigures = psql("""
                    with x as (
                      select extract(epoch from (processed_at - received_at)) * 1000 as ms from inbound_events
                       where channel_id = '%s' and (payload::jsonb ->> 'id') like 'bench-p-%%')
                    select count(*), count(ms), percentile_cont(0.5) within group (order by ms),
                           percentile_cont(0.95) within group (order by ms), max(ms) from x
                    """.formatted(plainChannel));
            String pipelineFigures = psql("""
                    select count(*), percentile_cont(0.5) within group (order by total_latency_ms),
                           percentile_cont(0.95) within group (order by total_latency_ms), 0, max(total_latency_ms)
                      from agent_runs where source = 'channel'
                    """);
            String outcomes = psql("select outcome || '=' || count(*) from agent_runs group by outcome order by 1").replace('\n', ' ');
            double[] a = numbers(agentFigures);
            double[] b = numbers(baselineFigures);
            double[] p = numbers(pipelineFigures);
            var table = new StringBuilder();
            table.append(String.format("Agents bench %s: %d messages per channel at %.0f/s each, offline agent, KB of %d sections%n",
                    stamp, MESSAGES, RATE, SECTIONS));
            table.append(String.format("%-58s %10s %10s %10s%n", "figure", "p50 ms", "p95 ms", "max ms"));
            table.append(String.format("%-58s %10.1f %10.1f %10.1f%n", "agent: inbound arrived -> agent reply queued (" + (int) a[1] + "/" + (int) a[0] + ")", a[2], a[3], a[4]));
            table.append(String.format("%-58s %10.1f %10.1f %10.1f%n", "baseline: inbound arrived -> message stored, no agent", b[2], b[3], b[4]));
            table.append(String.format("%-58s %10.1f %10.1f %10.1f%n", "pipeline alone (trace totalLatencyMs)", p[1], p[2], p[4]));
            table.append(String.format("%-58s %10.2f %10.2f%n", "ratio agent / baseline", a[2] / b[2], a[3] / b[3]));
            table.append(String.format("outcomes: %s%n", outcomes.strip()));
            table.append(String.format("target p95 <= 150 ms: %s%n", a[3] <= 150 ? "PASS" : "MISS"));
            System.out.print(table);
            Files.writeString(out.resolve("agents-results-" + stamp + ".txt"), table.toString());
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    static final int SECTIONS = 40;

    /** A hotel FAQ with the answers to the questions, and filler sections so retrieval has to choose. */
    static String createKnowledgeBase() throws Exception {
        String kb = id(post("/api/v1/knowledge-bases", "{\"name\":\"Hotel Nova FAQ\"}"), 201);
        var doc = new StringBuilder("# Hotel Nova guest guide\n\n");
        String[][] facts = {
            {"Check-in", "Check-in starts at 3 pm and check-out is at 11 am."},
            {"Breakfast", "Breakfast is included in every room rate and served from 7 to 10 am."},
            {"Parking", "We have an underground car park; parking costs 20 euros per night."},
            {"Pets", "Dogs are welcome for a fee of 15 euros per night; other pets are not allowed."},
            {"Cancellation", "You can cancel your booking free of charge up to 48 hours before arrival."},
            {"Wifi", "Free wifi is available in all rooms and public areas; the network is HotelNova."},
            {"Pool", "The rooftop pool is open from 8 am to 8 pm between May and September."},
            {"Shuttle", "An airport shuttle leaves every hour from 6 am to 10 pm and costs 12 euros."},
            {"Late checkout", "Late checkout until 2 pm can be requested at reception for 30 euros."},
            {"Gym", "The gym on the first floor is free for guests and open 24 hours."}
        };
        for (String[] fact : facts) doc.append("## ").append(fact[0]).append("\n\n").append(fact[1]).append("\n\n");
        for (int i = 0; i < SECTIONS - facts.length; i++) {
            doc.append("## Neighbourhood note ").append(i).append("\n\n")
                    .append("The old town quarter number ").append(i)
                    .append(" has museums, cafés and a market on Saturdays; trams run every ten minutes.\n\n");
        }
        String boundary = "----bench" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"guide.md\"\r\n"
                + "Content-Type: text/markdown\r\n\r\n" + doc + "\r\n--" + boundary + "--\r\n";
        var upload = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/knowledge-bases/" + kb + "/documents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (upload.statusCode() / 100 != 2) throw new IllegalStateException("upload: " + upload.body());
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            var docs = get("/api/v1/knowledge-bases/" + kb + "/documents");
            if (docs.contains("\"status\":\"ready\"")) return kb;
            if (docs.contains("\"status\":\"failed\"")) throw new IllegalStateException("document failed: " + docs);
            Thread.sleep(250);
        }
        throw new IllegalStateException("document not ready");
    }

    static void send(String channel, String tag, int count) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inbound(channel, tag + "-" + channel.substring(0, 8) + "-" + i, "+1415900" + String.format("%04d", i) , QUESTIONS[i % QUESTIONS.length]);
            pace(start, i + 1);
        }
    }

    static void inbound(String channel, String id, String from, String text) throws Exception {
        var r = post("/api/v1/channels/" + channel + "/sandbox/messages",
                "{\"from\":\"" + from + "\",\"text\":\"" + text + "\",\"id\":\"" + id + "\"}");
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
            String n = psql("select count(*) from messages where channel_id = '" + channel + "' and sender_type = 'agent'").strip();
            if (Integer.parseInt(n) >= count) return;
            Thread.sleep(200);
        }
        throw new IllegalStateException("agent replies missing");
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
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
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
