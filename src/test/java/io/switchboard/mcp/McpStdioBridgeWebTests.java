package io.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The stdio mode as a desktop client runs it: a separate process of the same classpath started with
 * {@code mcp --url … --api-key …}, spoken to by the SDK's stdio client transport.
 */
class McpStdioBridgeWebTests extends McpTestSupport {

    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private McpSyncClient stdioClient(String apiKey) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var parameters = ServerParameters.builder(java)
                .args(
                        "-Xmx128m",
                        "-cp",
                        classpath,
                        "io.switchboard.SwitchboardApplication",
                        "mcp",
                        "--url",
                        "http://localhost:" + port + "/mcp",
                        "--api-key",
                        apiKey)
                .build();
        var transport = new StdioClientTransport(parameters, new JacksonMcpJsonMapper(JSON));
        transport.setStdErrorHandler(stderr::add);
        var client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60))
                .enableCallToolSchemaCaching(true)
                .build();
        client.initialize();
        return client;
    }

    @Test
    void aDesktopClientUsesTheToolsThroughTheStdioBridge() {
        String owner = organisation("Desktop Org");
        grantCredits(owner, 777);
        try (var client = stdioClient(apiKey(owner, List.of("write"), null))) {
            assertThat(client.getCurrentInitializationResult().serverInfo().name())
                    .isEqualTo("switchboard");
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrderElementsOf(McpServerWebTests.ALL_TOOLS);
            var balance = structured(call(client, "get_credit_balance", Map.of()));
            assertThat(((Number) balance.get("available_minor")).longValue()).isEqualTo(777);
            var contact =
                    structured(call(client, "create_contact", Map.of("name", "Via Stdio", "phone", "+14155550177")));
            assertThat(contact.get("phone")).isEqualTo("+14155550177");
            var refused = call(
                    client,
                    "send_message",
                    Map.of(
                            "contact_id",
                            contact.get("id"),
                            "channel_id",
                            "00000000-0000-0000-0000-000000000000",
                            "text",
                            "hi"));
            assertThat(errorCode(refused)).isEqualTo("not-found");
        }
        // the bridge only bridged: no Spring context, web server or database in that process
        assertThat(String.join("\n", stderr))
                .contains("bridging stdio to http://localhost:" + port + "/mcp")
                .doesNotContain("Tomcat")
                .doesNotContain("Started SwitchboardApplication")
                .doesNotContain("PostgreSQL");
    }

    @Test
    void aRevokedOrWrongKeyIsReportedToTheClientAsAnError() {
        assertThatThrownBy(() -> stdioClient("sb_wrong_key").close()).hasStackTraceContaining("401");
    }
}
