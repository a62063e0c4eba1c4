package io.switchboard.llm.internal;

import static io.switchboard.llm.internal.OpenAiProviderFactory.blank;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.switchboard.llm.spi.ChatProvider;
import io.switchboard.llm.spi.ChatProviderFactory;
import io.switchboard.llm.spi.ProviderConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** A local or remote Ollama server ({@code POST {base}/api/chat}); no key. */
@Component
class OllamaProviderFactory implements ChatProviderFactory {

    static final String DEFAULT_BASE_URL = "http://localhost:11434";
    private final ProviderHttp http;
    private final LlmProperties properties;
    private final JsonMapper json;

    OllamaProviderFactory(ProviderHttp http, LlmProperties properties, JsonMapper json) {
        this.http = http;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String type() {
        return "ollama";
    }

    @Override
    public String displayName() {
        return "Ollama";
    }

    @Override
    public String defaultBaseUrl() {
        return DEFAULT_BASE_URL;
    }

    @Override
    public boolean requiresApiKey() {
        return false;
    }

    @Override
    public String defaultModel() {
        return "llama3.2";
    }

    @Override
    public ChatProvider create(ProviderConfig config) {
        return new LangChain4jChatProvider(
                http.newClient(),
                client -> OllamaChatModel.builder()
                        .httpClientBuilder(client.asBuilder())
                        .baseUrl(config.baseUrl())
                        .modelName(config.model())
                        .temperature(config.temperature())
                        .numPredict(config.maxOutputTokens())
                        .timeout(properties.overallTimeout())
                        .maxRetries(0)
                        .build(),
                client -> OllamaStreamingChatModel.builder()
                        .httpClientBuilder(client.asBuilder())
                        .baseUrl(config.baseUrl())
                        .modelName(config.model())
                        .temperature(config.temperature())
                        .numPredict(config.maxOutputTokens())
                        .timeout(properties.overallTimeout())
                        .build(),
                config.model(),
                json);
    }

    @Override
    public @Nullable ProviderConfig fromEnvironment() {
        var env = properties.env();
        if (blank(env.ollamaBaseUrl())) return null;
        return new ProviderConfig(
                EnvironmentProviders.idOf(type()),
                type(),
                "Ollama (from environment)",
                env.ollamaBaseUrl(),
                null,
                env.ollamaModel(),
                null,
                null);
    }
}
