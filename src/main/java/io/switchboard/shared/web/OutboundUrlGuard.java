package io.switchboard.shared.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks URLs that a tenant configures (HTTP tools, webhooks, crawls) before the server calls them:
 * only http(s), and no host that resolves to loopback, private, link-local, CGNAT, multicast or
 * unspecified addresses (SSRF), unless the operator lists the host in
 * {@code switchboard.outbound.allowed-hosts} (e.g. an internal API they mean to expose) or allows
 * private networks altogether with {@code switchboard.outbound.allow-private-networks}.
 */
@Component
public class OutboundUrlGuard {

    private final boolean allowPrivateNetworks;
    private final Set<String> allowedHosts;

    public OutboundUrlGuard(
            @Value("${switchboard.outbound.allow-private-networks:false}") boolean allowPrivateNetworks,
            @Value("${switchboard.outbound.allowed-hosts:}") String allowedHosts) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = Arrays.stream(allowedHosts.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Why the URL may not be called now, or empty when it may: check right before each call. */
    public Optional<String> problem(String url) {
        return problem(url, true);
    }

    /**
     * For saving a setting: a host that does not resolve (yet) is accepted, it is checked again
     * before each call; literal and resolvable internal addresses are refused.
     */
    public Optional<String> problemWhenSaving(String url) {
        return problem(url, false);
    }

    private Optional<String> problem(String url, boolean mustResolve) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (allowPrivateNetworks || allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(bare));
        } catch (UnknownHostException e) {
            return mustResolve ? Optional.of("host " + bare + " does not resolve") : Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return Optional.of("points at a private or local address (" + address.getHostAddress()
                        + "), which the server does not call");
            }
        }
        return Optional.empty();
    }

    public boolean allowed(String url) {
        return problem(url).isEmpty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // CGNAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) return true; // unique local fc00::/7
            // IPv4-mapped ::ffff:a.b.c.d
            boolean mapped = true;
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return isInternal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
