package io.switchboard.llm.internal;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.switchboard.llm.spi.ProviderConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI, and every server speaking its chat completions API (Groq, Together, vLLM, LM Studio ...). */
@Component
class OpenAiProviderFactory extends LangChain4jProviderFactory {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    OpenAiProviderFactory(ProviderHttp http, LlmProperties properties, JsonMapper json) {
        super(
                http,
                properties,
                json,
                new Descriptor(
                        "openai",
                        "OpenAI or OpenAI-compatible (Groq, Together, vLLM, LM Studio)",
                        DEFAULT_BASE_URL,
                        // local OpenAI-compatible servers (vLLM, LM Studio) run without one
                        false,
                        "gpt-4o-mini"));
    }

    @Override
    ChatModel chatModel(ProviderConfig config, HttpClientBuilder client, Duration timeout) {
        return OpenAiChatModel.builder()
                .httpClientBuilder(client)
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey())
                .modelName(config.model())
                .temperature(config.temperature())
                .maxTokens(config.maxOutputTokens())
                .timeout(timeout)
                .maxRetries(0)
                .build();
    }

    @Override
    StreamingChatModel streamingModel(ProviderConfig config, HttpClientBuilder client, Duration timeout) {
        return OpenAiStreamingChatModel.builder()
                .httpClientBuilder(client)
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey())
                .modelName(config.model())
                .temperature(config.temperature())
                .maxTokens(config.maxOutputTokens())
                .timeout(timeout)
                .build();
    }

    @Override
    public @Nullable ProviderConfig fromEnvironment() {
        var env = properties.env();
        if (blank(env.openaiApiKey()) && blank(env.openaiBaseUrl())) return null;
        return environmentConfig(
                "OpenAI (from environment)", env.openaiBaseUrl(), env.openaiApiKey(), env.openaiModel());
    }
}
