package io.switchboard.channels.internal;

import io.switchboard.channels.spi.ChannelAdapterFactory;
import io.switchboard.shared.ApiProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every provider factory on the classpath, by type id. */
@Component
class ChannelRegistry {

    private final Map<String, ChannelAdapterFactory> byType;

    ChannelRegistry(List<ChannelAdapterFactory> factories) {
        this.byType = factories.stream()
                .collect(Collectors.toUnmodifiableMap(ChannelAdapterFactory::type, Function.identity()));
    }

    ChannelAdapterFactory require(String type) {
        return find(type)
                .orElseThrow(() -> ApiProblem.invalidField("type", "must be one of " + String.join(", ", types())));
    }

    Optional<ChannelAdapterFactory> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    List<String> types() {
        return byType.keySet().stream().sorted().toList();
    }

    List<ChannelAdapterFactory> all() {
        return byType.values().stream()
                .sorted(java.util.Comparator.comparing(ChannelAdapterFactory::type))
                .toList();
    }
}
