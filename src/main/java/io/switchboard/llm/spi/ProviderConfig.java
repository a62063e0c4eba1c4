package io.switchboard.llm.spi;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One organisation's settings for one provider, secrets decrypted.
 *
 * @param baseUrl the API root as the provider's client expects it (e.g. {@code https://api.openai.com/v1})
 */
public record ProviderConfig(
        UUID id,
        String type,
        String name,
        String baseUrl,
        @Nullable String apiKey,
        String model,
        @Nullable Double temperature,
        @Nullable Integer maxOutputTokens) {

    @Override
    public String toString() {
        // never print the key
        return "ProviderConfig[" + type + " " + name + " " + model + " @ " + baseUrl + "]";
    }
}
