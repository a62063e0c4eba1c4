package io.switchboard.mcp.internal;

import java.util.Map;

/** An expected refusal of a tool call: answered as a tool result with isError, never a protocol error. */
final class ToolFailure extends RuntimeException {

    private final String code;
    private final Map<String, Object> details;

    ToolFailure(String code, String message) {
        this(code, message, Map.of());
    }

    ToolFailure(String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    String code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }

    static ToolFailure invalid(String argument, String problem) {
        return new ToolFailure("invalid-argument", argument + ": " + problem, Map.of("argument", argument));
    }
}
