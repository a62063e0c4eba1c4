package io.switchboard.llm.spi;

import io.switchboard.llm.ChatRequest.ToolSpec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a provider sends: instructions, the turns so far and the tools the model may call. */
public record ProviderRequest(
        String systemPrompt,
        List<Message> messages,
        List<ToolSpec> tools,
        @Nullable Integer maxOutputTokens) {

    public ProviderRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }

    public sealed interface Message {}

    public record User(String text) implements Message {}

    public record Assistant(@Nullable String text, List<ToolCallRequest> toolCalls) implements Message {
        public Assistant {
            toolCalls = List.copyOf(toolCalls);
        }
    }

    public record ToolResult(String callId, String toolName, String result) implements Message {}

    /** A function call the model asked for. */
    public record ToolCallRequest(String id, String name, String argumentsJson) {}
}
