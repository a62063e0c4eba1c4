package io.switchboard.llm.spi;

import io.switchboard.llm.spi.ProviderRequest.ToolCallRequest;
import java.util.List;

/** The model's answer to one call: text, or tool calls to run before it answers. */
public record ProviderReply(
        String text, List<ToolCallRequest> toolCalls, int inputTokens, int outputTokens, String model) {

    public ProviderReply {
        toolCalls = List.copyOf(toolCalls);
    }
}
