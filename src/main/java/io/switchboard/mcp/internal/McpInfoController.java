package io.switchboard.mcp.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.calls.Calls;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the dashboard's "MCP / AI assistants" page shows, and the OAuth protected-resource metadata
 * (RFC 9728) MCP clients read after a 401.
 */
@RestController
class McpInfoController {

    private final McpToolCatalog catalog;
    private final ProtectedResourceMetadata metadata;
    private final ObjectProvider<Calls> calls;

    McpInfoController(McpToolCatalog catalog, ProtectedResourceMetadata metadata, ObjectProvider<Calls> calls) {
        this.catalog = catalog;
        this.metadata = metadata;
        this.calls = calls;
    }

    @Schema(name = "McpServerInfo")
    record McpServerInfo(
            @Schema(description = "the Streamable HTTP endpoint clients connect to")
            String endpointUrl,

            @Schema(description = "OAuth protected-resource metadata (RFC 9728)")
            String resourceMetadataUrl,

            List<String> protocolVersions,

            @Schema(description = "stateless Streamable HTTP: no sessions, any node answers")
            String transport,

            @Schema(description = "command that bridges a desktop client's stdio to this server")
            String stdioCommand,

            @Schema(description = "bland (real calls) or simulator (no phone rings); null when calls are unavailable")
            @Nullable
            String callsMode,

            List<McpToolInfo> tools) {}

    @Schema(name = "McpToolInfo")
    record McpToolInfo(
            String name,
            String title,
            String description,

            @Schema(description = "least role the credential needs: viewer (read key), agent (write key), ...")
            Role minimumRole,

            boolean readOnly,

            @Schema(description = "spends credits or reaches a person: assistants should confirm first")
            boolean spends,

            @Schema(description = "whether the current credential may use it (role)")
            boolean allowedForYou,

            Map<String, Object> inputSchema) {}

    @GetMapping("/api/v1/mcp")
    @Tag(name = "MCP")
    @Operation(
            summary = "The MCP server: endpoint URL, protocol versions, how to connect and the tools with their"
                    + " schemas; API keys may be limited to some of these tools (`tools` of POST"
                    + " /api/v1/organization/api-keys)")
    McpServerInfo info() {
        CurrentPrincipal principal = CurrentPrincipal.get();
        Calls c = calls.getIfAvailable();
        return new McpServerInfo(
                metadata.endpointUrl(),
                metadata.metadataUrl(),
                McpHttpEndpoint.PROTOCOL_VERSIONS,
                "streamable-http (stateless)",
                "java -jar switchboard.jar mcp --url " + metadata.endpointUrl() + " --api-key <API key>",
                c == null ? null : c.mode(),
                catalog.tools().stream()
                        .map(t -> new McpToolInfo(
                                t.name(),
                                t.title(),
                                t.description(),
                                t.minimumRole(),
                                t.readOnly(),
                                t.spends(),
                                principal.role().atLeast(t.minimumRole()),
                                t.inputSchema()))
                        .toList());
    }

    @Schema(name = "ProtectedResourceMetadata", description = "RFC 9728 OAuth 2.0 protected resource metadata")
    record ResourceMetadata(
            String resource,
            List<String> authorization_servers,
            List<String> bearer_methods_supported,
            List<String> scopes_supported,
            String resource_name,
            String resource_documentation) {}

    @GetMapping({ProtectedResourceMetadata.WELL_KNOWN, ProtectedResourceMetadata.WELL_KNOWN + "/mcp"})
    @Tag(name = "MCP")
    @Operation(
            summary = "OAuth protected-resource metadata of the MCP endpoint (public). Bearer credentials: an"
                    + " OAuth access token from the listed authorization server (MCP authorization flow), an"
                    + " organisation API key (sb_…) or a dashboard access token")
    ResponseEntity<ResourceMetadata> protectedResource() {
        String base =
                metadata.endpointUrl().substring(0, metadata.endpointUrl().length() - McpHttpEndpoint.PATH.length());
        var body = new ResourceMetadata(
                metadata.endpointUrl(),
                List.of(base),
                List.of("header"),
                List.of("read", "write", "admin"),
                "Switchboard MCP server",
                base + "/ai-assistants");
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)))
                .body(body);
    }
}
