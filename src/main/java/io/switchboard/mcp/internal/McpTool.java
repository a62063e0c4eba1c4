package io.switchboard.mcp.internal;

import io.switchboard.identity.Role;
import java.util.Map;

/**
 * One tool: its contract (schemas), the least role that may call it and what it does. The handler
 * answers a value that becomes the structured result; expected refusals are {@link ToolFailure}s or
 * {@link io.switchboard.shared.ApiProblem}s, which become tool results with {@code isError}.
 *
 * @param readOnly changes nothing (MCP's readOnlyHint)
 * @param spends may spend credits or reach a person (an assistant should confirm with its user)
 */
record McpTool(
        String name,
        String title,
        String description,
        Role minimumRole,
        boolean readOnly,
        boolean spends,
        Map<String, Object> inputSchema,
        Map<String, Object> outputSchema,
        Handler handler) {

    @FunctionalInterface
    interface Handler {
        Object call(ToolCall call);
    }
}
