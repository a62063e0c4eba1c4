package io.switchboard.llm;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One question for the gateway.
 *
 * @param chain the organisation's provider ids to try in order; empty means the offline responder only
 * @param systemPrompt the agent's instructions; passages are added by the gateway as quoted data, never as instructions
 * @param history earlier turns of the conversation, oldest first
 * @param passages retrieved knowledge the answer should rest on (the offline responder answers only from these)
 * @param tools functions the model may call; {@code toolExecutor} runs them
 * @param maxToolRounds how many rounds of tool calls a model may make before it must answer
 * @param firstTokenDeadline how long a provider may take to start answering before the next link is tried
 * @param onToken receives streamed text when the caller can show it as it arrives; null for a whole answer
 * @param purpose a label for usage records ("agent-reply", "playground", "summary", ...)
 */
public record ChatRequest(
        UUID orgId,
        List<UUID> chain,
        String systemPrompt,
        List<ChatTurn> history,
        String userMessage,
        List<Passage> passages,
        List<ToolSpec> tools,
        @Nullable ToolExecutor toolExecutor,
        int maxToolRounds,
        Duration firstTokenDeadline,
        @Nullable Consumer<String> onToken,
        String purpose) {

    public ChatRequest {
        chain = List.copyOf(chain);
        history = List.copyOf(history);
        passages = List.copyOf(passages);
        tools = List.copyOf(tools);
    }

    public record ChatTurn(Speaker speaker, String text) {}

    public enum Speaker {
        USER,
        ASSISTANT
    }

    /** A piece of knowledge offered to the model, citable by {@code id}. */
    public record Passage(
            String id,
            String title,
            @Nullable String section,
            @Nullable String url,
            String text,
            double score) {}

    /** A function the model may call; {@code parametersSchema} is a JSON Schema object as JSON text. */
    public record ToolSpec(String name, String description, String parametersSchema) {}

    @FunctionalInterface
    public interface ToolExecutor {
        /** Runs the named tool with the model's JSON arguments and returns the result the model will read. */
        String execute(String toolName, String argumentsJson);
    }
}
