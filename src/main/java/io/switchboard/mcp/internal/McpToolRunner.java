package io.switchboard.mcp.internal;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.shared.ApiProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a tool for the principal the HTTP request authenticated: checks its role and the API key's
 * tool list, turns the answer into a structured result (snake_case JSON, also as text for clients
 * without structured output) and every refusal into a result with {@code isError}.
 */
final class McpToolRunner {

    private static final Logger log = LoggerFactory.getLogger(McpToolRunner.class);
    static final String PRINCIPAL = "switchboard.principal";

    private final JsonMapper output;

    McpToolRunner(JsonMapper output) {
        this.output = output;
    }

    SyncToolSpecification specification(McpTool tool, McpJsonMapper mapper) {
        var annotations = McpSchema.ToolAnnotations.builder()
                .title(tool.title())
                .readOnlyHint(tool.readOnly())
                // only hanging up ends something irreversibly; sending and calling add, they don't destroy
                .destructiveHint(tool.name().equals("stop_call"))
                .openWorldHint(tool.spends())
                .build();
        var definition = McpSchema.Tool.builder()
                .name(tool.name())
                .title(tool.title())
                .description(tool.description())
                .inputSchema(tool.inputSchema())
                .outputSchema(tool.outputSchema())
                .annotations(annotations)
                .build();
        return SyncToolSpecification.builder()
                .tool(definition)
                .callHandler((context, request) -> run(tool, context, request))
                .build();
    }

    /** Whether the principal may see and call the tool (its role and, for API keys, the tool list). */
    static boolean allowed(McpTool tool, CurrentPrincipal principal) {
        return principal.mayUseTool(tool.name()) && principal.role().atLeast(tool.minimumRole());
    }

    CallToolResult run(McpTool tool, McpTransportContext context, McpSchema.CallToolRequest request) {
        if (!(context.get(PRINCIPAL) instanceof CurrentPrincipal principal)) {
            return error(new ToolFailure("unauthenticated", "Send an API key or access token"));
        }
        if (!principal.mayUseTool(tool.name())) {
            return error(new ToolFailure(
                    "tool-not-allowed", "This API key may not use " + tool.name() + " (its tool list excludes it)"));
        }
        if (!principal.role().atLeast(tool.minimumRole())) {
            return error(new ToolFailure(
                    "forbidden",
                    tool.name() + " needs the " + tool.minimumRole() + " role (a write key) or higher; this "
                            + (principal.method() == CurrentPrincipal.AuthMethod.API_KEY ? "API key" : "user")
                            + " acts as " + principal.role()));
        }
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        try {
            Object answer = tool.handler().call(new ToolCall(tool.name(), arguments, principal));
            Map<String, Object> structured = output.convertValue(answer, new TypeReference<>() {});
            return CallToolResult.builder()
                    .structuredContent(structured)
                    .addTextContent(output.writeValueAsString(structured))
                    .isError(false)
                    .build();
        } catch (ToolFailure failure) {
            return error(failure);
        } catch (ApiProblem problem) {
            return error(McpToolErrors.fromProblem(problem));
        } catch (RuntimeException e) {
            log.error("MCP tool {} failed", tool.name(), e);
            return error(new ToolFailure("internal-error", tool.name() + " failed unexpectedly; try again later"));
        }
    }

    private CallToolResult error(ToolFailure failure) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", failure.code());
        error.put("message", failure.getMessage());
        if (!failure.details().isEmpty()) error.put("details", failure.details());
        return CallToolResult.builder()
                .addTextContent(failure.getMessage())
                .structuredContent(Map.of("error", error))
                .isError(true)
                .build();
    }
}
