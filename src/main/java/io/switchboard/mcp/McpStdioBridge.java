package io.switchboard.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stdio mode for desktop MCP clients (Claude Desktop and others that start a local command): reads
 * newline-delimited JSON-RPC messages from stdin, posts each to a Switchboard server's {@code /mcp}
 * with the API key, and writes the answers to stdout. Nothing else runs in this mode: no web server,
 * no database, no Spring context; logs go to stderr only (stdout belongs to the protocol).
 *
 * <pre>java -jar switchboard.jar mcp --url https://switchboard.example.com/mcp --api-key sb_…</pre>
 *
 * The options may also come from {@code SWITCHBOARD_MCP_URL} and {@code SWITCHBOARD_API_KEY}.
 */
public final class McpStdioBridge {

    /** The first program argument that selects this mode. */
    public static final String COMMAND = "mcp";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http;
    private final PrintStream out;
    private final PrintStream log;
    private volatile @Nullable String protocolVersion;

    McpStdioBridge(URI endpoint, String apiKey, PrintStream out, PrintStream log) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.out = out;
        this.log = log;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** {@code args} without the leading {@code mcp}; answers the process exit code. */
    public static int run(String[] args, InputStream in, OutputStream stdout, PrintStream stderr) {
        String url = System.getenv("SWITCHBOARD_MCP_URL");
        String key = System.getenv("SWITCHBOARD_API_KEY");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--url") || a.equals("--api-key")) && i + 1 < args.length) {
                if (a.equals("--url")) url = args[++i];
                else key = args[++i];
            } else if (a.startsWith("--url=")) {
                url = a.substring(6);
            } else if (a.startsWith("--api-key=")) {
                key = a.substring(10);
            } else if (a.equals("--help") || a.equals("-h")) {
                stderr.println(usage());
                return 0;
            } else {
                stderr.println("unknown option " + a + "\n" + usage());
                return 2;
            }
        }
        if (url == null || url.isBlank() || key == null || key.isBlank()) {
            stderr.println(usage());
            return 2;
        }
        URI endpoint =
                URI.create(url.endsWith("/mcp") || url.contains("/mcp?") ? url : url.replaceAll("/+$", "") + "/mcp");
        var bridge =
                new McpStdioBridge(endpoint, key.trim(), new PrintStream(stdout, true, StandardCharsets.UTF_8), stderr);
        stderr.println("switchboard mcp: bridging stdio to " + endpoint);
        return bridge.pump(in);
    }

    static String usage() {
        return "usage: java -jar switchboard.jar mcp --url https://your-server/mcp --api-key sb_...\n"
                + "       (or SWITCHBOARD_MCP_URL and SWITCHBOARD_API_KEY in the environment)";
    }

    /** Reads messages until stdin closes; each is forwarded on its own virtual thread. */
    int pump(InputStream in) {
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                String message = line;
                JsonNode parsed;
                try {
                    parsed = JSON.readTree(message);
                } catch (RuntimeException e) {
                    write(error(null, -32700, "Parse error: not JSON"));
                    continue;
                }
                // initialize first and alone: later requests carry the negotiated version header
                if ("initialize".equals(text(parsed, "method"))) {
                    forward(parsed, message);
                } else {
                    workers.submit(() -> forward(parsed, message));
                }
            }
        } catch (IOException e) {
            log.println("switchboard mcp: stdin failed: " + e);
            return 1;
        }
        return 0;
    }

    private void forward(JsonNode message, String body) {
        JsonNode id = message.get("id");
        boolean isRequest = id != null && !id.isNull() && message.has("method");
        try {
            var request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer " + apiKey)
                    .header("User-Agent", "switchboard-mcp-stdio");
            String version = protocolVersion;
            if (version != null) request.header("MCP-Protocol-Version", version);
            HttpResponse<String> response = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status == 202 || (status == 200 && response.body().isBlank())) {
                return;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            List<String> messages =
                    type.startsWith("text/event-stream") ? sseData(response.body()) : List.of(response.body());
            for (String m : messages) {
                JsonNode answer;
                try {
                    answer = JSON.readTree(m);
                } catch (RuntimeException e) {
                    answer = null;
                }
                if (answer != null && answer.has("jsonrpc") && (answer.has("result") || answer.has("error"))) {
                    rememberVersion(message, answer);
                    write(answer.toString());
                } else if (isRequest) {
                    write(error(id, -32603, httpProblem(status, m)));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.println("switchboard mcp: " + endpoint + " failed: " + e);
            if (isRequest) write(error(id, -32603, "Switchboard server unreachable: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rememberVersion(JsonNode request, JsonNode answer) {
        if ("initialize".equals(text(request, "method"))
                && answer.path("result").has("protocolVersion")) {
            protocolVersion = answer.path("result").path("protocolVersion").asString();
        }
    }

    /** An HTTP refusal (401, 403, 5xx) as a readable JSON-RPC error message. */
    private static String httpProblem(int status, String body) {
        String detail = body;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.has("detail")) detail = problem.get("detail").asString();
        } catch (RuntimeException ignored) {
            // not JSON: keep the text
        }
        if (detail.length() > 500) detail = detail.substring(0, 500);
        return switch (status) {
            case 401 -> "Switchboard refused the API key (401): " + detail;
            case 403 -> "Switchboard refused the request (403): " + detail;
            default -> "Switchboard answered HTTP " + status + ": " + detail;
        };
    }

    private static List<String> sseData(String stream) {
        var messages = new ArrayList<String>();
        var data = new StringBuilder();
        for (String line : stream.split("\r?\n", -1)) {
            if (line.startsWith("data:")) {
                if (!data.isEmpty()) data.append('\n');
                data.append(line.substring(5).stripLeading());
            } else if (line.isEmpty() && !data.isEmpty()) {
                messages.add(data.toString());
                data.setLength(0);
            }
        }
        if (!data.isEmpty()) messages.add(data.toString());
        return messages;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isString() ? null : v.asString();
    }

    private static String error(@Nullable JsonNode id, int code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("jsonrpc", "2.0");
        if (id == null) error.putNull("id");
        else error.set("id", id);
        error.set("error", JSON.valueToTree(Map.of("code", code, "message", message)));
        return error.toString();
    }

    private void write(String line) {
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }
}
