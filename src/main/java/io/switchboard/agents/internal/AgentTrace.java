package io.switchboard.agents.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.llm.ChatOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Why the agent said what it said: every step with its latency, what was understood, what was
 * retrieved, which providers were tried, tokens, cost and tool calls. Stored per answer.
 */
@Schema(name = "AgentTrace")
record AgentTrace(
        String outcome,
        String mode,
        List<Step> steps,
        @Nullable String intent,
        double confidence,
        List<IntentScore> intentRanking,
        List<Entity> entities,
        List<Chunk> retrieved,
        @Nullable Double retrievalConfidence,
        List<ProviderAttempt> providers,

        @Schema(description = "what the agent fell back to and why (fallback message, handoff, offline responder)")
        List<String> fallbacks,

        @Nullable String answeredBy,
        int inputTokens,
        int outputTokens,
        long costMicros,
        List<ToolCallView> toolCalls,
        long totalLatencyMs) {

    @Schema(name = "AgentTraceStep")
    record Step(String name, String detail, long latencyMs) {}

    @Schema(name = "AgentIntentScore")
    record IntentScore(String intent, double score) {}

    @Schema(name = "AgentRetrievedChunk")
    record Chunk(
            int rank,
            UUID chunkId,
            UUID knowledgeBaseId,
            UUID documentId,
            String title,
            @Nullable String section,
            @Nullable String url,
            String text,
            double score,
            @Nullable Integer lexicalRank,
            @Nullable Integer vectorRank,
            boolean cited) {}

    /** @param result ok, error, timeout, rate_limited, skipped_cooldown, no_match */
    @Schema(name = "AgentProviderAttempt")
    record ProviderAttempt(
            String provider,
            String model,
            String result,
            @Nullable String error,
            long latencyMs,
            @Nullable Long firstTokenMs,
            int inputTokens,
            int outputTokens,
            long costMicros) {
        static ProviderAttempt of(ChatOutcome.Attempt a) {
            return new ProviderAttempt(
                    a.provider(),
                    a.model(),
                    a.result(),
                    a.error(),
                    a.latencyMs(),
                    a.firstTokenMs(),
                    a.usage().inputTokens(),
                    a.usage().outputTokens(),
                    a.usage().costMicros());
        }
    }

    @Schema(name = "AgentToolCall")
    record ToolCallView(String name, String argumentsJson, String result, long latencyMs) {}

    /** Collects a trace while the pipeline runs. */
    static final class Builder {
        private final long started = System.nanoTime();
        final List<Step> steps = new ArrayList<>();
        String outcome = "replied";
        String mode = "offline";

        @Nullable
        String intent;

        double confidence;
        List<IntentScore> intentRanking = List.of();
        List<Entity> entities = List.of();
        List<Chunk> retrieved = List.of();

        @Nullable
        Double retrievalConfidence;

        List<ProviderAttempt> providers = List.of();
        final List<String> fallbacks = new ArrayList<>();

        @Nullable
        String answeredBy;

        int inputTokens;
        int outputTokens;
        long costMicros;
        List<ToolCallView> toolCalls = List.of();

        <T> T step(String name, Supplier<T> work, java.util.function.Function<T, String> detail) {
            long t0 = System.nanoTime();
            T result = work.get();
            steps.add(new Step(name, detail.apply(result), (System.nanoTime() - t0) / 1_000_000));
            return result;
        }

        void note(String name, String detail) {
            steps.add(new Step(name, detail, 0));
        }

        AgentTrace build() {
            return new AgentTrace(
                    outcome,
                    mode,
                    List.copyOf(steps),
                    intent,
                    confidence,
                    intentRanking,
                    entities,
                    retrieved,
                    retrievalConfidence,
                    providers,
                    List.copyOf(fallbacks),
                    answeredBy,
                    inputTokens,
                    outputTokens,
                    costMicros,
                    toolCalls,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
