package io.switchboard.mcp.internal;

import io.switchboard.shared.ApiProblem;
import java.util.LinkedHashMap;

/** Turns the platform's Problem Details into tool failures an assistant can read and act on. */
final class McpToolErrors {

    private McpToolErrors() {}

    static ToolFailure fromProblem(ApiProblem problem) {
        String path = problem.type().getPath();
        String code = path.substring(path.lastIndexOf('/') + 1);
        var details = new LinkedHashMap<String, Object>(problem.properties());
        details.put("status", problem.status().value());
        String message = problem.getMessage() == null ? problem.title() : problem.title() + ": " + problem.getMessage();
        return new ToolFailure(code.isBlank() ? "error" : code, message, details);
    }
}
