package io.switchboard.llm.internal;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.switchboard.llm.spi.ChatProvider;
import io.switchboard.llm.spi.ChatProviderFactory;
import io.switchboard.llm.spi.ProviderConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI, and every server speaking its chat completions API (Groq, Together, vLLM, LM Studio ...). */
@Component
class OpenAiProviderFactory implements ChatProviderFactory {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    private final ProviderHttp http;
    private final LlmProperties properties;
    private final JsonMapper json;

    OpenAiProviderFactory(ProviderHttp http, LlmProperties properties, JsonMapper json) {
        this.http = http;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String type() {
        return "openai";
    }

    @Override
    public String displayName() {
        return "OpenAI or OpenAI-compatible (Groq, Together, vLLM, LM Studio)";
    }

    @Override
    public String defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    public boolean requiresApiKey() {
        // local OpenAI-compatible servers (vLLM, LM Studio) run without one
        return false;
    }

    @Override
    public String defaultModel() {
        return "gpt-4o-mini";
    }

    @Override
    public ChatProvider create(ProviderConfig config) {
        return new LangChain4jChatProvider(
                http.newClient(),
                client -> OpenAiChatModel.builder()
                        .httpClientBuilder(client.asBuilder())
                        .baseUrl(config.baseUrl())
                        .apiKey(config.apiKey())
                        .modelName(config.model())
                        .temperature(config.temperature())
                        .maxTokens(config.maxOutputTokens())
                        .timeout(properties.overallTimeout())
                        .maxRetries(0)
                        .build(),
                client -> OpenAiStreamingChatModel.builder()
                        .httpClientBuilder(client.asBuilder())
                        .baseUrl(config.baseUrl())
                        .apiKey(config.apiKey())
                        .modelName(config.model())
                        .temperature(config.temperature())
                        .maxTokens(config.maxOutputTokens())
                        .timeout(properties.overallTimeout())
                        .build(),
                config.model(),
                json);
    }

    @Override
    public @Nullable ProviderConfig fromEnvironment() {
        var env = properties.env();
        if (blank(env.openaiApiKey()) && blank(env.openaiBaseUrl())) return null;
        return new ProviderConfig(
                EnvironmentProviders.idOf(type()),
                type(),
                "OpenAI (from environment)",
                blank(env.openaiBaseUrl()) ? DEFAULT_BASE_URL : env.openaiBaseUrl(),
                blank(env.openaiApiKey()) ? null : env.openaiApiKey(),
                env.openaiModel(),
                null,
                null);
    }

    static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
