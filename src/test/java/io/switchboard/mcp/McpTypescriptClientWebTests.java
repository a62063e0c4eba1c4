package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official TypeScript SDK client ({@code @modelcontextprotocol/sdk} from npm, what Claude Desktop,
 * Cursor and most assistants build on) against the test server: frontend/scripts/mcp-client-check.mjs
 * connects over Streamable HTTP with an API key, lists tools, reads the balance and places a
 * simulated call. Skipped only when there is no node on the machine.
 */
class McpTypescriptClientWebTests extends McpTestSupport {

    static final Path FRONTEND = Path.of("frontend");

    @Test
    void theTypescriptSdkClientListsToolsReadsTheBalanceAndPlacesASimulatedCall() throws Exception {
        assumeThat(nodeAvailable()).as("node is not installed").isTrue();
        assertThat(FRONTEND.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))
                .as("run `npm ci` in frontend/ first: the test needs @modelcontextprotocol/sdk")
                .exists();

        String owner = organisation("TS Client Org");
        grantCredits(owner, 5000);
        String key = apiKey(owner, List.of("write"), null);

        var process = new ProcessBuilder(
                        "node",
                        "scripts/mcp-client-check.mjs",
                        "--url",
                        "http://localhost:" + port + "/mcp",
                        "--api-key",
                        key)
                .directory(FRONTEND.toFile())
                .redirectErrorStream(false)
                .start();
        boolean finished = process.waitFor(90, TimeUnit.SECONDS);
        if (!finished) process.destroyForcibly();
        assertThat(finished).as("node script finished").isTrue();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stdout + "\n" + stderr).isZero();

        JsonNode out = JSON.readTree(stdout.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(out.get("ok").asBoolean()).isTrue();
        assertThat(out.get("protocolVersion").asString()).isIn("2025-03-26", "2025-06-18", "2025-11-25");
        assertThat(out.get("tools").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(McpServerWebTests.ALL_TOOLS);
        var balance = out.get("balance").get("structured");
        assertThat(balance.get("available_minor").asLong()).isEqualTo(5000);
        var placed = out.get("placeCall").get("structured");
        assertThat(placed.get("call_id").asString()).isNotBlank();
        assertThat(placed.get("provider").asString()).isEqualTo("simulator");
        assertThat(placed.get("hold_minor").asLong()).isPositive();

        // the call is the organisation's, visible through the REST API
        var call = api.get("/api/v1/calls/" + placed.get("call_id").asString(), owner);
        assertThat(call.status()).isEqualTo(200);
    }

    private static boolean nodeAvailable() {
        try {
            var p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
