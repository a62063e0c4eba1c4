package io.switchboard.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.switchboard.support.IntegrationTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Real MCP clients (the official Java SDK) against the test server, and fixtures in domain words. */
abstract class McpTestSupport extends IntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An SDK client over Streamable HTTP with {@code Authorization: Bearer credential}; initialised. */
    McpSyncClient client(@Nullable String credential, String... protocolVersions) {
        var request = HttpRequest.newBuilder();
        if (credential != null) request.header("Authorization", "Bearer " + credential);
        var transport = HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                .endpoint("/mcp")
                .requestBuilder(request)
                .jsonMapper(new JacksonMcpJsonMapper(JSON));
        if (protocolVersions.length > 0) transport.supportedProtocolVersions(List.of(protocolVersions));
        var client = McpClient.sync(transport.build())
                .requestTimeout(Duration.ofSeconds(30))
                .enableCallToolSchemaCaching(true) // validates structured results against output schemas
                .build();
        client.initialize();
        client.listTools(); // fills the output-schema cache
        return client;
    }

    /** A fresh organisation; answers its owner's access token. */
    String organisation(String name) {
        return token(signup(name));
    }

    String apiKey(String ownerToken, List<String> scopes, @Nullable List<String> tools) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", "assistant", "scopes", scopes));
        if (tools != null) body.put("tools", tools);
        var created = api.post("/api/v1/api-keys", body, ownerToken);
        if (created.status() != 201) throw new AssertionError("api key: " + created.raw());
        return created.json().get("key").asString();
    }

    void grantCredits(String ownerToken, long amountMinor) {
        var granted = api.post(
                "/api/v1/credits/grants",
                Map.of(
                        "amountMinor",
                        amountMinor,
                        "reason",
                        "test credits",
                        "idempotencyKey",
                        java.util.UUID.randomUUID().toString()),
                ownerToken);
        if (granted.status() != 201 && granted.status() != 200) throw new AssertionError("grant: " + granted.raw());
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult result) {
        if (Boolean.TRUE.equals(result.isError())) throw new AssertionError("tool error: " + text(result));
        return (Map<String, Object>) result.structuredContent();
    }

    static String text(McpSchema.CallToolResult result) {
        return result.content().stream()
                .filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text())
                .reduce("", String::concat);
    }

    @SuppressWarnings("unchecked")
    static String errorCode(McpSchema.CallToolResult result) {
        if (!Boolean.TRUE.equals(result.isError())) throw new AssertionError("expected a tool error: " + text(result));
        var error = (Map<String, Object>) ((Map<String, Object>) result.structuredContent()).get("error");
        return (String) error.get("code");
    }
}
