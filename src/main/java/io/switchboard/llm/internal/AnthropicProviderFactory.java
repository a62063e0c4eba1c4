package io.switchboard.llm.internal;

import static io.switchboard.llm.internal.OpenAiProviderFactory.blank;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import io.switchboard.llm.spi.ChatProvider;
import io.switchboard.llm.spi.ChatProviderFactory;
import io.switchboard.llm.spi.ProviderConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Anthropic's Messages API ({@code POST {base}/messages} with {@code x-api-key} and {@code anthropic-version}). */
@Component
class AnthropicProviderFactory implements ChatProviderFactory {

    static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
    /** Anthropic requires max_tokens on every request. */
    private static final int DEFAULT_MAX_TOKENS = 1024;

    private final ProviderHttp http;
    private final LlmProperties properties;
    private final JsonMapper json;

    AnthropicProviderFactory(ProviderHttp http, LlmProperties properties, JsonMapper json) {
        this.http = http;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String type() {
        return "anthropic";
    }

    @Override
    public String displayName() {
        return "Anthropic";
    }

    @Override
    public String defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    public boolean requiresApiKey() {
        return true;
    }

    @Override
    public String defaultModel() {
        return "claude-3-5-haiku-latest";
    }

    @Override
    public ChatProvider create(ProviderConfig config) {
        int maxTokens = config.maxOutputTokens() == null ? DEFAULT_MAX_TOKENS : config.maxOutputTokens();
        return new LangChain4jChatProvider(
                http.newClient(),
                client -> AnthropicChatModel.builder()
                        .httpClientBuilder(client.asBuilder())
                        .baseUrl(config.baseUrl())
                        .apiKey(config.apiKey())
                        .modelName(config.model())
                        .temperature(config.temperature())
                        .maxTokens(maxTokens)
                        .timeout(properties.overallTimeout())
                        .maxRetries(0)
                        .build(),
                client -> AnthropicStreamingChatModel.builder()
                        .httpClientBuilder(client.asBuilder())
                        .baseUrl(config.baseUrl())
                        .apiKey(config.apiKey())
                        .modelName(config.model())
                        .temperature(config.temperature())
                        .maxTokens(maxTokens)
                        .timeout(properties.overallTimeout())
                        .build(),
                config.model(),
                json);
    }

    @Override
    public @Nullable ProviderConfig fromEnvironment() {
        var env = properties.env();
        if (blank(env.anthropicApiKey())) return null;
        return new ProviderConfig(
                EnvironmentProviders.idOf(type()),
                type(),
                "Anthropic (from environment)",
                blank(env.anthropicBaseUrl()) ? DEFAULT_BASE_URL : env.anthropicBaseUrl(),
                env.anthropicApiKey(),
                env.anthropicModel(),
                null,
                null);
    }
}
