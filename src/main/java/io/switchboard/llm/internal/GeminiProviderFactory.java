package io.switchboard.llm.internal;

import static io.switchboard.llm.internal.OpenAiProviderFactory.blank;

import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import io.switchboard.llm.spi.ChatProvider;
import io.switchboard.llm.spi.ChatProviderFactory;
import io.switchboard.llm.spi.ProviderConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Google AI Gemini ({@code POST {base}/models/{model}:generateContent} with {@code x-goog-api-key}). */
@Component
class GeminiProviderFactory implements ChatProviderFactory {

    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
    private final ProviderHttp http;
    private final LlmProperties properties;
    private final JsonMapper json;

    GeminiProviderFactory(ProviderHttp http, LlmProperties properties, JsonMapper json) {
        this.http = http;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String type() {
        return "gemini";
    }

    @Override
    public String displayName() {
        return "Google Gemini";
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
        return "gemini-2.0-flash";
    }

    @Override
    public ChatProvider create(ProviderConfig config) {
        return new LangChain4jChatProvider(
                http.newClient(),
                client -> GoogleAiGeminiChatModel.builder()
                        .httpClientBuilder(client.asBuilder())
                        .baseUrl(config.baseUrl())
                        .apiKey(config.apiKey())
                        .modelName(config.model())
                        .temperature(config.temperature())
                        .maxOutputTokens(config.maxOutputTokens())
                        .timeout(properties.overallTimeout())
                        .maxRetries(0)
                        .build(),
                client -> GoogleAiGeminiStreamingChatModel.builder()
                        .httpClientBuilder(client.asBuilder())
                        .baseUrl(config.baseUrl())
                        .apiKey(config.apiKey())
                        .modelName(config.model())
                        .temperature(config.temperature())
                        .maxOutputTokens(config.maxOutputTokens())
                        .timeout(properties.overallTimeout())
                        .build(),
                config.model(),
                json);
    }

    @Override
    public @Nullable ProviderConfig fromEnvironment() {
        var env = properties.env();
        if (blank(env.geminiApiKey())) return null;
        return new ProviderConfig(
                EnvironmentProviders.idOf(type()),
                type(),
                "Gemini (from environment)",
                blank(env.geminiBaseUrl()) ? DEFAULT_BASE_URL : env.geminiBaseUrl(),
                env.geminiApiKey(),
                env.geminiModel(),
                null,
                null);
    }
}
