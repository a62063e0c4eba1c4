package io.switchboard.llm.internal;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.switchboard.llm.spi.ProviderConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** A local or remote Ollama server ({@code POST {base}/api/chat}); no key. */
@Component
class OllamaProviderFactory extends LangChain4jProviderFactory {

    static final String DEFAULT_BASE_URL = "http://localhost:11434";

    OllamaProviderFactory(ProviderHttp http, LlmProperties properties, JsonMapper json) {
        super(http, properties, json, new Descriptor("ollama", "Ollama", DEFAULT_BASE_URL, false, "llama3.2"));
    }

    @Override
    ChatModel chatModel(ProviderConfig config, HttpClientBuilder client, Duration timeout) {
        return OllamaChatModel.builder()
                .httpClientBuilder(client)
                .baseUrl(config.baseUrl())
                .modelName(config.model())
                .temperature(config.temperature())
                .numPredict(config.maxOutputTokens())
                .timeout(timeout)
                .maxRetries(0)
                .build();
    }

    @Override
    StreamingChatModel streamingModel(ProviderConfig config, HttpClientBuilder client, Duration timeout) {
        return OllamaStreamingChatModel.builder()
                .httpClientBuilder(client)
                .baseUrl(config.baseUrl())
                .modelName(config.model())
                .temperature(config.temperature())
                .numPredict(config.maxOutputTokens())
                .timeout(timeout)
                .build();
    }

    @Override
    public @Nullable ProviderConfig fromEnvironment() {
        var env = properties.env();
        // only a base URL says an Ollama server is there; it takes no key
        if (blank(env.ollamaBaseUrl())) return null;
        return environmentConfig("Ollama (from environment)", env.ollamaBaseUrl(), null, env.ollamaModel());
    }
}
