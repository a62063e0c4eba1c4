package io.switchboard.webhooks.internal;

import io.switchboard.shared.web.OutboundUrlGuard;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator settings of outbound webhooks ({@code switchboard.webhooks.*}).
 *
 * @param allowPrivateNetworks accept endpoint URLs on loopback and private networks (SSRF guard off for them)
 * @param allowedHosts hosts or host:port pairs that may be on private networks while the rest stays guarded
 * @param retrySchedule wait after the 1st, 2nd, ... failed attempt; after the last one the delivery is
 *     dead and the endpoint disabled (the default adds up to about three days)
 * @param jitter each wait is moved by up to this fraction either way, so retries of many deliveries
 *     failed together spread out
 * @param connectTimeout per attempt, to connect
 * @param requestTimeout per attempt, for the whole answer
 * @param lease a delivery claimed longer ago than this (its node died) is claimed again
 * @param batchSize deliveries claimed per query
 * @param maxInFlight HTTP requests in flight at once on this node
 * @param rotationOverlap how long the previous secret keeps signing after a rotation
 * @param maxEndpoints per organisation
 */
@ConfigurationProperties("switchboard.webhooks")
record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue List<String> allowedHosts,

        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h", "14h", "14h", "16h"})
        List<Duration> retrySchedule,

        @DefaultValue("0.2") double jitter,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("100") int batchSize,
        @DefaultValue("256") int maxInFlight,
        @DefaultValue("24h") Duration rotationOverlap,
        @DefaultValue("50") int maxEndpoints) {

    /** A tenant-supplied URL, SSRF-checked with the operator settings; 400 naming {@code field}. */
    URI checkUrl(String field, @Nullable String url) {
        Set<String> hosts = allowedHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return OutboundUrlGuard.check(field, url, allowPrivateNetworks, hosts);
    }

    /** The wait before the next attempt after {@code failures} failures in a row, or null: give up. */
    @Nullable
    Duration retryAfter(int failures) {
        if (failures < 1 || failures > retrySchedule.size()) return null;
        Duration base = retrySchedule.get(failures - 1);
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
        return Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor)));
    }

    /** How long a failing delivery is retried in all, for messages (jitter left out). */
    Duration retryWindow() {
        return retrySchedule.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
