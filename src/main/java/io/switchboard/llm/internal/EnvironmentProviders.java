package io.switchboard.llm.internal;

import io.switchboard.llm.spi.ProviderConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Providers the operator configured through the environment ({@code OPENAI_API_KEY} ...). Every
 * organisation sees them, read-only, under stable ids so they can be put in chains.
 */
@Component
class EnvironmentProviders {

    private final ProviderRegistry registry;

    EnvironmentProviders(ProviderRegistry registry) {
        this.registry = registry;
    }

    static UUID idOf(String type) {
        return UUID.nameUUIDFromBytes(("switchboard:environment-provider:" + type).getBytes(StandardCharsets.UTF_8));
    }

    List<ProviderConfig> all() {
        return registry.all().stream()
                .map(f -> f.fromEnvironment())
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    Optional<ProviderConfig> find(UUID id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
