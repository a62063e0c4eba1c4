package io.switchboard.llm;

import java.util.Optional;
import java.util.UUID;

/**
 * The OpenAI endpoint and key an organisation uses (its first enabled {@code openai} provider with a
 * key, else the server's {@code OPENAI_API_KEY}), for other OpenAI APIs such as moderation.
 */
public interface OpenAiAccess {

    Optional<Endpoint> forOrganization(UUID orgId);

    /** @param baseUrl the API root including the version, e.g. {@code https://api.openai.com/v1} */
    record Endpoint(String baseUrl, String apiKey) {
        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + "]";
        }
    }
}
