package io.switchboard.llm.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per provider id, created on first use from one programmatic
 * config: providers are tenant data that come and go at runtime, so they cannot be declared in YAML.
 * An open breaker is the provider's cooldown: the gateway skips it without calling it.
 */
@Component
class CircuitBreakers {

    private final CircuitBreakerRegistry registry;

    CircuitBreakers(LlmProperties properties) {
        var circuit = properties.circuit();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuit.slidingWindow())
                .minimumNumberOfCalls(circuit.minimumCalls())
                .failureRateThreshold(circuit.failureRatePercent())
                .waitDurationInOpenState(circuit.cooldown())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    CircuitBreaker forProvider(UUID providerId) {
        return registry.circuitBreaker(providerId.toString());
    }

    /** closed, open, half_open ... as the status endpoint shows it; providers never called are closed. */
    String state(UUID providerId) {
        return registry.find(providerId.toString())
                .map(cb -> cb.getState().name().toLowerCase(Locale.ROOT))
                .orElse("closed");
    }
}
