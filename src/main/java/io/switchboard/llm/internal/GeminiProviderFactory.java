package io.switchboard.llm.internal;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import io.switchboard.llm.spi.ProviderConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Google AI Gemini ({@code POST {base}/models/{model}:generateContent} with {@code x-goog-api-key}). */
@Component
class GeminiProviderFactory extends LangChain4jProviderFactory {

    static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

    GeminiProviderFactory(ProviderHttp http, LlmProperties properties, JsonMapper json) {
        super(
                http,
                properties,
                json,
                new Descriptor("gemini", "Google Gemini", DEFAULT_BASE_URL, true, "gemini-2.0-flash"));
    }

    @Override
    ChatModel chatModel(ProviderConfig config, HttpClientBuilder client, Duration timeout) {
        return GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(client)
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey())
                .modelName(config.model())
                .temperature(config.temperature())
                .maxOutputTokens(config.maxOutputTokens())
                .timeout(timeout)
                .maxRetries(0)
                .build();
    }

    @Override
    StreamingChatModel streamingModel(ProviderConfig config, HttpClientBuilder client, Duration timeout) {
        return GoogleAiGeminiStreamingChatModel.builder()
                .httpClientBuilder(client)
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey())
                .modelName(config.model())
                .temperature(config.temperature())
                .maxOutputTokens(config.maxOutputTokens())
                .timeout(timeout)
                .build();
    }

    @Override
    public @Nullable ProviderConfig fromEnvironment() {
        var env = properties.env();
        if (blank(env.geminiApiKey())) return null;
        return environmentConfig(
                "Gemini (from environment)", env.geminiBaseUrl(), env.geminiApiKey(), env.geminiModel());
    }
}
