package io.switchboard.llm.internal;

import io.switchboard.llm.spi.ChatProviderFactory;
import io.switchboard.shared.ApiProblem;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every provider factory on the classpath, by type id. */
@Component
class ProviderRegistry {

    private final Map<String, ChatProviderFactory> byType;

    ProviderRegistry(List<ChatProviderFactory> factories) {
        this.byType = factories.stream()
                .collect(Collectors.toUnmodifiableMap(ChatProviderFactory::type, Function.identity()));
    }

    ChatProviderFactory require(String type) {
        return find(type)
                .orElseThrow(() -> ApiProblem.invalidField(
                        "type",
                        "must be one of "
                                + String.join(
                                        ", ",
                                        all().stream()
                                                .map(ChatProviderFactory::type)
                                                .toList())));
    }

    Optional<ChatProviderFactory> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    List<ChatProviderFactory> all() {
        return byType.values().stream()
                .sorted(Comparator.comparing(ChatProviderFactory::type))
                .toList();
    }
}
