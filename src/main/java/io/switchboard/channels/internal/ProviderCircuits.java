package io.switchboard.channels.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per channel around provider sends. When a provider keeps failing
 * with transient errors (5xx, timeouts, rate limits), the circuit opens and the sender stops calling
 * it for a cooldown: queued replies wait (not counted as attempts) instead of each burning its
 * retries against a provider that is down. Permanent refusals (a bad number) count as successes:
 * the provider answered.
 */
@Component
class ProviderCircuits {

    private final CircuitBreakerRegistry registry;
    private final Duration cooldown;

    ProviderCircuits(@Value("${switchboard.outbound.circuit-cooldown:PT30S}") Duration cooldown) {
        this.cooldown = cooldown;
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(cooldown)
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    CircuitBreaker forChannel(UUID channelId) {
        return registry.circuitBreaker(channelId.toString());
    }

    Duration cooldown() {
        return cooldown;
    }

    /** Whether any channel's circuit is open or half open on this node (usually none: nothing to look up). */
    boolean anyPaused() {
        return registry.getAllCircuitBreakers().stream().anyMatch(cb -> cb.getState() != CircuitBreaker.State.CLOSED);
    }

    /** closed, open or half_open; a channel that never sent is closed. */
    String state(UUID channelId) {
        return registry.find(channelId.toString())
                .map(cb -> cb.getState().name().toLowerCase(Locale.ROOT))
                .orElse("closed");
    }
}
