package io.switchboard.llm.internal;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.switchboard.llm.spi.ChatProvider;
import io.switchboard.llm.spi.ChatProviderFactory;
import io.switchboard.llm.spi.ProviderConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every LangChain4j-backed factory shares: the one HTTP client, the overall timeout, the wrapping in
 * {@link LangChain4jChatProvider} (which maps errors) and the shape of the environment's default config.
 * A subclass only names its provider and fills its own model builders.
 */
abstract class LangChain4jProviderFactory implements ChatProviderFactory {

    /** The fixed facts a form shows about a provider type. */
    record Descriptor(
            String type, String displayName, String defaultBaseUrl, boolean requiresApiKey, String defaultModel) {}

    private final ProviderHttp http;
    private final JsonMapper json;
    private final Descriptor descriptor;
    protected final LlmProperties properties;

    LangChain4jProviderFactory(ProviderHttp http, LlmProperties properties, JsonMapper json, Descriptor descriptor) {
        this.http = http;
        this.properties = properties;
        this.json = json;
        this.descriptor = descriptor;
    }

    /**
     * The blocking model. {@code client} is our shared HTTP client and {@code timeout} the gateway's overall
     * timeout; set {@code maxRetries(0)} because the gateway does its own retrying.
     */
    abstract ChatModel chatModel(ProviderConfig config, HttpClientBuilder client, Duration timeout);

    /** The streaming model, built from the same settings as {@link #chatModel}. */
    abstract StreamingChatModel streamingModel(ProviderConfig config, HttpClientBuilder client, Duration timeout);

    @Override
    public final ChatProvider create(ProviderConfig config) {
        Duration timeout = properties.overallTimeout();
        return new LangChain4jChatProvider(
                http.newClient(),
                client -> chatModel(config, client.asBuilder(), timeout),
                client -> streamingModel(config, client.asBuilder(), timeout),
                config.model(),
                json);
    }

    /** The environment's default config for this type; a blank base URL means the provider's default. */
    final ProviderConfig environmentConfig(
            String name, @Nullable String baseUrl, @Nullable String apiKey, String model) {
        return new ProviderConfig(
                EnvironmentProviders.idOf(type()),
                type(),
                name,
                blank(baseUrl) ? defaultBaseUrl() : baseUrl,
                blank(apiKey) ? null : apiKey,
                model,
                null,
                null);
    }

    static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    @Override
    public final String type() {
        return descriptor.type();
    }

    @Override
    public final String displayName() {
        return descriptor.displayName();
    }

    @Override
    public final String defaultBaseUrl() {
        return descriptor.defaultBaseUrl();
    }

    @Override
    public final boolean requiresApiKey() {
        return descriptor.requiresApiKey();
    }

    @Override
    public final String defaultModel() {
        return descriptor.defaultModel();
    }
}
