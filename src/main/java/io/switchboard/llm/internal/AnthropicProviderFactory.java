package io.switchboard.llm.internal;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.switchboard.llm.spi.ProviderConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Anthropic's Messages API ({@code POST {base}/messages} with {@code x-api-key} and {@code anthropic-version}). */
@Component
class AnthropicProviderFactory extends LangChain4jProviderFactory {

    static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
    /** Anthropic requires max_tokens on every request. */
    private static final int DEFAULT_MAX_TOKENS = 1024;

    AnthropicProviderFactory(ProviderHttp http, LlmProperties properties, JsonMapper json) {
        super(
                http,
                properties,
                json,
                new Descriptor("anthropic", "Anthropic", DEFAULT_BASE_URL, true, "claude-3-5-haiku-latest"));
    }

    @Override
    ChatModel chatModel(ProviderConfig config, HttpClientBuilder client, Duration timeout) {
        return AnthropicChatModel.builder()
                .httpClientBuilder(client)
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey())
                .modelName(config.model())
                .temperature(config.temperature())
                .maxTokens(maxTokens(config))
                .timeout(timeout)
                .maxRetries(0)
                .build();
    }

    @Override
    StreamingChatModel streamingModel(ProviderConfig config, HttpClientBuilder client, Duration timeout) {
        return AnthropicStreamingChatModel.builder()
                .httpClientBuilder(client)
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey())
                .modelName(config.model())
                .temperature(config.temperature())
                .maxTokens(maxTokens(config))
                .timeout(timeout)
                .build();
    }

    private static int maxTokens(ProviderConfig config) {
        return config.maxOutputTokens() == null ? DEFAULT_MAX_TOKENS : config.maxOutputTokens();
    }

    @Override
    public @Nullable ProviderConfig fromEnvironment() {
        var env = properties.env();
        if (blank(env.anthropicApiKey())) return null;
        return environmentConfig(
                "Anthropic (from environment)", env.anthropicBaseUrl(), env.anthropicApiKey(), env.anthropicModel());
    }
}
