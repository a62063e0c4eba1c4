package io.switchboard.knowledge.internal;

import io.switchboard.shared.web.OutboundUrlGuard;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and sizes of the knowledge module ({@code switchboard.knowledge.*}).
 *
 * @param maxDocumentSize largest uploaded file (the multipart limit caps it too)
 * @param maxPageSize largest fetched web page or sitemap
 * @param maxSitemapPages pages taken from one sitemap at most
 * @param childChunkTokens cap of a matched chunk in word pieces, heading included (the model takes 256)
 * @param parentChunkTokens cap of a parent section given as context
 * @param fetchTimeout per request to a web source
 * @param jobLease how long a claimed job may run without a heartbeat before another worker retakes it
 * @param allowPrivateNetworks fetch web sources on loopback and private networks (SSRF guard off for them)
 * @param allowedHosts hosts or host:port pairs that may be on private networks while the rest stays guarded
 */
@ConfigurationProperties("switchboard.knowledge")
record KnowledgeProperties(
        @DefaultValue("10MB") DataSize maxDocumentSize,
        @DefaultValue("5MB") DataSize maxPageSize,
        @DefaultValue("200") int maxSitemapPages,
        @DefaultValue("128") int childChunkTokens,
        @DefaultValue("512") int parentChunkTokens,
        @DefaultValue("10s") Duration fetchTimeout,
        @DefaultValue("2m") Duration jobLease,
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue List<String> allowedHosts) {

    /** A tenant-supplied URL, SSRF-checked with this module's operator settings; 400 naming {@code field}. */
    URI checkUrl(String field, String url) {
        Set<String> hosts = allowedHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return OutboundUrlGuard.check(field, url, allowPrivateNetworks, hosts);
    }
}
