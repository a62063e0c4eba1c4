package io.switchboard.llm.internal;

import io.switchboard.llm.LlmProviders;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
class ProviderDirectory implements LlmProviders {

    private final ProviderStore store;

    ProviderDirectory(ProviderStore store) {
        this.store = store;
    }

    @Override
    public boolean exists(UUID orgId, UUID providerId) {
        return store.find(orgId, providerId).isPresent();
    }
}
