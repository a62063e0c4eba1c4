package io.switchboard.knowledge.internal;

import java.time.Duration;
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
 */
@ConfigurationProperties("switchboard.knowledge")
record KnowledgeProperties(
        @DefaultValue("10MB") DataSize maxDocumentSize,
        @DefaultValue("5MB") DataSize maxPageSize,
        @DefaultValue("200") int maxSitemapPages,
        @DefaultValue("128") int childChunkTokens,
        @DefaultValue("512") int parentChunkTokens,
        @DefaultValue("10s") Duration fetchTimeout,
        @DefaultValue("2m") Duration jobLease) {}
