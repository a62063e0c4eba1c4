package io.switchboard.shared.web;

import io.switchboard.shared.ApiProblem;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * SSRF check for URLs a tenant configures (provider base URLs, webhooks, crawl targets): http(s)
 * only, no credentials in the URL, and a host that resolves to public addresses. Loopback and private
 * ranges pass only when the operator allows them (local Ollama, vLLM, test fakes); link-local
 * addresses (cloud metadata at 169.254.169.254), wildcard and multicast addresses never pass.
 */
public final class OutboundUrlGuard {

    private OutboundUrlGuard() {}

    /**
     * Answers the normalised URL or throws a validation problem naming {@code field}.
     *
     * @param allowPrivateNetworks operator setting: accept loopback, RFC 1918, CGNAT and unique-local hosts
     */
    public static URI check(String field, @Nullable String url, boolean allowPrivateNetworks) {
        return check(field, url, allowPrivateNetworks, Set.of());
    }

    /**
     * As {@link #check(String, String, boolean)}, with an operator allow-list of hosts or {@code
     * host:port} pairs (lower case) that may resolve to private addresses (an intranet wiki, a test fake).
     */
    public static URI check(
            String field, @Nullable String url, boolean allowPrivateNetworks, Set<String> allowedHosts) {
        if (url == null || url.isBlank()) {
            throw ApiProblem.invalidField(field, "is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
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
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        boolean listed = allowedHosts.contains(bareHost) || allowedHosts.contains(bareHost + ":" + port);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bareHost);
        } catch (UnknownHostException e) {
            throw ApiProblem.invalidField(field, "host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address, allowPrivateNetworks || listed);
            if (refusal != null) {
                throw ApiProblem.invalidField(
                        field, "points to " + refusal + " (" + address.getHostAddress() + "), which is not allowed");
            }
        }
        return uri;
    }

    /** Why an address may not be called, or null when it may. */
    static @Nullable String refusal(InetAddress address, boolean allowPrivateNetworks) {
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
        if (address instanceof Inet4Address
                && ((b[0] & 0xff) == 0 // "this network"
                        || ((b[0] & 0xff) == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
                        || ((b[0] & 0xff) == 198 && ((b[1] & 0xff) == 18 || (b[1] & 0xff) == 19)) // benchmarking
                        || (b[0] & 0xff) >= 240)) { // reserved and broadcast
            return "a reserved address";
        }
        if (address instanceof Inet6Address && isV4Mapped(b)) {
            try {
                return refusal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}), false);
            } catch (java.net.UnknownHostException e) {
                return "an unreadable address";
            }
        }
        return null;
    }

    /** ::ffff:a.b.c.d, an IPv4 address in IPv6 clothing. */
    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) return false;
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
