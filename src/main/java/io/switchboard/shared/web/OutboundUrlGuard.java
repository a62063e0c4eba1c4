package io.switchboard.shared.web;

import io.switchboard.shared.ApiProblem;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * SSRF guard for URLs a tenant makes the server fetch (knowledge base crawls, outbound webhooks):
 * only http(s), and the host must not resolve to a loopback, private, link-local (cloud metadata),
 * carrier-grade NAT, multicast or unspecified address. Operators can allow private networks as a
 * whole ({@code switchboard.outbound.allow-private-networks}) or a few hosts or host:port pairs
 * ({@code switchboard.outbound.allowed-hosts}). Check every redirect hop again before following it.
 * The static {@link #check(String, String, boolean)} serves the LLM provider base URLs, whose
 * private-network switch is the LLM module's own setting.
 */
@Component
public class OutboundUrlGuard {

    private final boolean allowPrivateNetworks;
    private final Set<String> allowedHosts;

    public OutboundUrlGuard(
            @Value("${switchboard.outbound.allow-private-networks:false}") boolean allowPrivateNetworks,
            @Value("${switchboard.outbound.allowed-hosts:}") List<String> allowedHosts) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowedHosts = allowedHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The URL, parsed and checked; otherwise a 400 Problem Details naming {@code field}.
     *
     * @param field the request field the URL came from, for the error
     */
    public URI check(String field, String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw ApiProblem.invalidField(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiProblem.invalidField(field, "must be an http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw ApiProblem.invalidField(field, "has no host");
        }
        if (uri.getUserInfo() != null) {
            throw ApiProblem.invalidField(field, "must not contain credentials");
        }
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String lowerHost = bareHost.toLowerCase(Locale.ROOT);
        if (allowPrivateNetworks || allowedHosts.contains(lowerHost) || allowedHosts.contains(lowerHost + ":" + port)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bareHost);
        } catch (UnknownHostException e) {
            throw ApiProblem.invalidField(field, "has a host that does not resolve: " + bareHost);
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw ApiProblem.invalidField(
                        field,
                        "points to a private or loopback address (" + address.getHostAddress()
                                + "), which the server refuses to fetch");
            }
        }
        return uri;
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
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
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
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Answers the normalised URL or throws a validation problem naming {@code field}.
     *
     * @param allowPrivateNetworks operator setting: accept loopback, RFC 1918, CGNAT and unique-local hosts
     */
    public static URI check(String field, @org.jspecify.annotations.Nullable String url, boolean allowPrivateNetworks) {
        if (url == null || url.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw ApiProblem.invalidField(field, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiProblem.invalidField(field, "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiProblem.invalidField(field, "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiProblem.invalidField(field, "must not contain credentials");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw ApiProblem.invalidField(field, "host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address, allowPrivateNetworks);
            if (refusal != null) {
                throw ApiProblem.invalidField(
                        field, "points to " + refusal + " (" + address.getHostAddress() + "), which is not allowed");
            }
        }
        return uri;
    }

    /** Why an address may not be called, or null when it may. */
    static @org.jspecify.annotations.Nullable String refusal(InetAddress address, boolean allowPrivateNetworks) {
        if (address.isAnyLocalAddress()) return "a wildcard address";
        if (address.isMulticastAddress()) return "a multicast address";
        if (address.isLinkLocalAddress()) return "a link-local address";
        if (allowPrivateNetworks) return null;
        if (address.isLoopbackAddress()) return "a loopback address";
        if (address.isSiteLocalAddress()) return "a private network address";
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "a carrier-grade NAT address";
        }
        if (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "a unique-local address";
        }
        return null;
    }
}
