/**
 * The MCP server: tools over other modules' APIs for AI assistants, at {@code /mcp} (stateless
 * Streamable HTTP, any node answers any request) authenticated by API keys (optionally limited to a
 * tool subset) or bearer tokens, plus {@link io.switchboard.mcp.McpStdioBridge} for desktop clients
 * that speak MCP over stdio.
 */
@ApplicationModule(displayName = "MCP server")
@NullMarked
package io.switchboard.mcp;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
