package io.switchboard.llm.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator settings of the gateway ({@code switchboard.llm.*}).
 *
 * @param allowPrivateBaseUrls accept provider base URLs on loopback/private networks (local Ollama, vLLM, test fakes)
 * @param overallTimeout cap on one link's whole answer (streaming) and on one gateway request across links
 */
@ConfigurationProperties("switchboard.llm")
public record LlmProperties(
        boolean allowPrivateBaseUrls,
        Duration connectTimeout,
        Duration overallTimeout,
        Duration testTimeout,
        Retry retry,
        Circuit circuit,
        Env env) {

    /** Retries of transient failures (5xx, connection errors) within one link, with jittered backoff. */
    public record Retry(
            int maxAttempts, Duration initialBackoff, double multiplier, double jitter, Duration maxRetryAfter) {}

    /** One circuit breaker per provider id: open = the provider is cooling down and is skipped. */
    public record Circuit(int slidingWindow, int minimumCalls, float failureRatePercent, Duration cooldown) {}

    /** Operator-wide defaults from the environment, offered to every organisation as "from environment" providers. */
    public record Env(
            @Nullable String openaiApiKey,
            @Nullable String openaiBaseUrl,
            String openaiModel,
            @Nullable String anthropicApiKey,
            @Nullable String anthropicBaseUrl,
            String anthropicModel,
            @Nullable String geminiApiKey,
            @Nullable String geminiBaseUrl,
            String geminiModel,
            @Nullable String ollamaBaseUrl,
            String ollamaModel) {}
}
