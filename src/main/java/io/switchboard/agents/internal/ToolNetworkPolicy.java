package io.switchboard.agents.internal;

import io.switchboard.shared.web.OutboundUrlGuard;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where agents' HTTP tools may call: public addresses only (SSRF), unless the operator allows
 * private networks ({@code switchboard.agents.tools.allow-private-networks}) or lists hosts
 * ({@code switchboard.agents.tools.allowed-hosts}, host or host:port, comma separated).
 */
@Component
class ToolNetworkPolicy {

    private final boolean allowPrivateNetworks;
    private final Set<String> allowedHosts;

    ToolNetworkPolicy(
            @Value("${switchboard.agents.tools.allow-private-networks:false}") boolean allowPrivateNetworks,
            @Value("${switchboard.agents.tools.allowed-hosts:}") String allowedHosts) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = Arrays.stream(allowedHosts.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The URL, or a 400 Problem Details naming {@code field}. */
    URI check(String field, String url) {
        return OutboundUrlGuard.check(field, url, allowPrivateNetworks, allowedHosts);
    }
}
