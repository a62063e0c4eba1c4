package io.switchboard.llm.internal;

import io.switchboard.llm.OpenAiAccess;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

@Service
class OpenAiAccessService implements OpenAiAccess {

    private final ProviderStore store;

    OpenAiAccessService(ProviderStore store) {
        this.store = store;
    }

    @Override
    public Optional<Endpoint> forOrganization(UUID orgId) {
        // own providers come first in the list, the environment's after them
        return store.loadAll(orgId).stream()
                .filter(p -> p.enabled()
                        && p.config().type().equals("openai")
                        && p.config().apiKey() != null)
                .findFirst()
                .map(p -> new Endpoint(p.config().baseUrl(), p.config().apiKey()));
    }
}
