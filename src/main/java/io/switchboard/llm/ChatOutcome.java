package io.switchboard.llm;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the gateway did with a request: every attempt is listed, for the trace. */
public sealed interface ChatOutcome {

    List<Attempt> attempts();

    /** A provider (or the offline responder) answered. {@code citedPassageIds} name the passages it used. */
    record Answered(
            String text,
            String provider,
            String model,
            boolean offline,
            List<String> citedPassageIds,
            List<ToolCall> toolCalls,
            Usage usage,
            List<Attempt> attempts)
            implements ChatOutcome {}

    /**
     * Nobody could answer: every provider failed and the offline responder found no passage good
     * enough. The caller sends its fallback message and hands off.
     */
    record NoAnswer(String reason, List<Attempt> attempts) implements ChatOutcome {}

    record Usage(int inputTokens, int outputTokens, long costMicros) {
        public static final Usage NONE = new Usage(0, 0, 0);
    }

    record ToolCall(String name, String argumentsJson, String result, long latencyMs) {}

    /**
     * One try of one link.
     *
     * @param result ok, error, timeout, rate_limited, skipped_cooldown, no_match
     */
    record Attempt(
            String provider,
            String model,
            String result,
            @Nullable String error,
            long latencyMs,
            @Nullable Long firstTokenMs,
            Usage usage) {}
}
