package io.switchboard.mcp.internal;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.ProtocolVersions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The MCP Streamable HTTP endpoint in stateless mode: every POST carries one JSON-RPC message and
 * gets its whole answer as JSON; no session, no server-sent stream, so any node behind a load
 * balancer answers any request. Spring Security authenticated the caller before this runs (API key
 * or bearer token); the principal travels to the tools in the transport context and the tool list is
 * cut to what it may use.
 *
 * <p>Our own transport instead of the SDK's servlet: errors stay JSON-RPC errors (the SDK's write
 * Java exceptions with stack traces), and the endpoint is part of the OpenAPI document.
 */
@RestController
@Tag(name = "MCP")
class McpHttpEndpoint implements McpStatelessServerTransport {

    private static final Logger log = LoggerFactory.getLogger(McpHttpEndpoint.class);

    /** Oldest first; the last one is what we offer a client asking for a version we don't know. */
    static final List<String> PROTOCOL_VERSIONS =
            List.of(ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    static final String PATH = "/mcp";

    private final McpJsonMapper json;
    private final McpToolCatalog catalog;
    private final ProtectedResourceMetadata metadata;
    private volatile @Nullable McpStatelessServerHandler handler;

    McpHttpEndpoint(McpJsonMapper json, McpToolCatalog catalog, ProtectedResourceMetadata metadata) {
        this.json = json;
        this.catalog = catalog;
        this.metadata = metadata;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
        this.handler = mcpHandler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    @Override
    public List<String> protocolVersions() {
        return PROTOCOL_VERSIONS;
    }

    @RequestMapping(path = PATH, method = RequestMethod.POST)
    @Operation(
            summary = "MCP (Model Context Protocol) endpoint, Streamable HTTP in stateless mode",
            description = "One JSON-RPC 2.0 message per request (initialize, tools/list, tools/call, ping, ...);"
                    + " requests are answered with a JSON-RPC response as `application/json`, notifications with"
                    + " 202. Authenticate with `Authorization: Bearer <OAuth access token, API key or dashboard access token>`; without it the"
                    + " answer is 401 with `WWW-Authenticate: Bearer resource_metadata=\".../.well-known/"
                    + "oauth-protected-resource\"`. Protocol versions 2025-03-26, 2025-06-18 and 2025-11-25."
                    + " An API key with a tool list only sees and calls those tools. No sessions: any node"
                    + " answers any request; GET (server-sent stream) is not offered.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            description = "a JSON-RPC 2.0 request or notification",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(type = "object", description = "JSON-RPC 2.0 message"))),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the JSON-RPC response",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object", description = "JSON-RPC 2.0 response"))),
                @ApiResponse(responseCode = "202", description = "notification accepted", content = @Content),
                @ApiResponse(
                        responseCode = "400",
                        description = "not a JSON-RPC message, a batch, or an unsupported MCP-Protocol-Version",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "401",
                        description = "no or invalid credential; see WWW-Authenticate",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    ResponseEntity<String> post(
            @RequestBody String body,
            @Parameter(description = "the negotiated protocol version (sent by clients after initialize)")
                    @RequestHeader(name = "MCP-Protocol-Version", required = false)
                    @Nullable
                    String protocolVersion,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            @RequestHeader(name = HttpHeaders.ORIGIN, required = false) @Nullable String origin,
            jakarta.servlet.http.HttpServletRequest servletRequest) {
        if (origin != null && !sameOrigin(origin, servletRequest)) {
            // MCP asks servers to check Origin (DNS rebinding): browsers on other sites never get in
            return error(
                    HttpStatus.FORBIDDEN,
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Origin " + origin + " may not call this MCP server");
        }
        if (accept != null && !acceptsJson(accept)) {
            return error(
                    HttpStatus.NOT_ACCEPTABLE,
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Accept must include application/json: this server answers every request as JSON");
        }
        if (protocolVersion != null && !PROTOCOL_VERSIONS.contains(protocolVersion)) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Unsupported MCP-Protocol-Version " + protocolVersion + "; supported: "
                            + String.join(", ", PROTOCOL_VERSIONS));
        }
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("[")) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    null,
                    McpSchema.ErrorCodes.INVALID_REQUEST,
                    "JSON-RPC batches are not supported: send one message per request");
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (Exception e) {
            return error(HttpStatus.BAD_REQUEST, null, McpSchema.ErrorCodes.PARSE_ERROR, "Not a JSON-RPC 2.0 message");
        }
        McpStatelessServerHandler h = handler;
        if (h == null) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, null, McpSchema.ErrorCodes.INTERNAL_ERROR, "Starting up");
        }
        CurrentPrincipal principal = CurrentPrincipal.get();
        var context = McpTransportContext.create(Map.of(McpToolRunner.PRINCIPAL, principal));
        return switch (message) {
            case McpSchema.JSONRPCRequest request -> {
                JSONRPCResponse response;
                try {
                    // immediate execution: the tools run on this thread, inside the request's tenant scope
                    response = h.handleRequest(context, request)
                            .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                            .block();
                } catch (RuntimeException e) {
                    log.error("MCP request {} failed", request.method(), e);
                    yield error(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            request.id(),
                            McpSchema.ErrorCodes.INTERNAL_ERROR,
                            "The request failed unexpectedly");
                }
                if (response == null) {
                    yield error(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            request.id(),
                            McpSchema.ErrorCodes.INTERNAL_ERROR,
                            "No answer");
                }
                if (McpSchema.METHOD_TOOLS_LIST.equals(request.method())
                        && response.result() instanceof McpSchema.ListToolsResult list) {
                    response = JSONRPCResponse.result(request.id(), visibleTools(list, principal));
                }
                yield json(HttpStatus.OK, response);
            }
            case McpSchema.JSONRPCNotification notification -> {
                try {
                    h.handleNotification(context, notification).block();
                } catch (RuntimeException e) {
                    log.warn("MCP notification {} failed: {}", notification.method(), e.toString());
                }
                yield ResponseEntity.accepted().build();
            }
            // we never send requests to clients, so their responses carry nothing for us
            default -> ResponseEntity.accepted().build();
        };
    }

    /** Stateless: no server-sent stream to open, no session to end (the POST operation's description says so). */
    @RequestMapping(
            path = PATH,
            method = {RequestMethod.GET, RequestMethod.DELETE})
    @io.swagger.v3.oas.annotations.Hidden
    ResponseEntity<Void> notOffered() {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .header(HttpHeaders.ALLOW, "POST")
                .build();
    }

    private McpSchema.ListToolsResult visibleTools(McpSchema.ListToolsResult list, CurrentPrincipal principal) {
        var allowed = catalog.tools().stream()
                .filter(t -> McpToolRunner.allowed(t, principal))
                .map(McpTool::name)
                .toList();
        var tools =
                list.tools().stream().filter(t -> allowed.contains(t.name())).toList();
        return new McpSchema.ListToolsResult(tools, list.nextCursor(), list.meta());
    }

    private boolean sameOrigin(String origin, jakarta.servlet.http.HttpServletRequest request) {
        String self = request.getScheme() + "://" + request.getServerName()
                + (request.getServerPort() == 80 || request.getServerPort() == 443
                        ? ""
                        : ":" + request.getServerPort());
        String published =
                metadata.endpointUrl().substring(0, metadata.endpointUrl().length() - PATH.length());
        return origin.equalsIgnoreCase(self) || origin.equalsIgnoreCase(published);
    }

    private static boolean acceptsJson(String accept) {
        return accept.contains(MediaType.APPLICATION_JSON_VALUE)
                || accept.contains("*/*")
                || accept.contains("application/*");
    }

    private ResponseEntity<String> json(HttpStatus status, Object body) {
        try {
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(body));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ResponseEntity<String> error(HttpStatus status, @Nullable Object id, int code, String message) {
        if (id == null) {
            // JSON-RPC answers errors about unreadable requests with id null (the SDK's record refuses it)
            var body = new java.util.LinkedHashMap<String, @Nullable Object>();
            body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
            body.put("id", null);
            body.put("error", Map.of("code", code, "message", message));
            return json(status, body);
        }
        return json(
                status,
                new JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, null, new JSONRPCError(code, message, null)));
    }
}
