package io.switchboard.llm.spi;

import org.jspecify.annotations.Nullable;

/**
 * One per provider type, with a stable id stored on the provider config ({@code openai},
 * {@code anthropic}, {@code gemini}, {@code ollama}).
 */
public interface ChatProviderFactory {

    String type();

    String displayName();

    /** Where the provider's API lives when the config names no base URL. */
    String defaultBaseUrl();

    boolean requiresApiKey();

    /** A sensible model to preset in forms. */
    String defaultModel();

    /** A provider bound to one config; cheap to create, used for one request. */
    ChatProvider create(ProviderConfig config);

    /** The environment's default for this type ({@code OPENAI_API_KEY} ...), or null when none is set. */
    default @Nullable ProviderConfig fromEnvironment() {
        return null;
    }
}
