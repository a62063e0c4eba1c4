package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.Documents;
import static io.switchboard.knowledge.internal.KnowledgeTables.Sources;

import io.switchboard.billing.Limit;
import io.switchboard.billing.Quotas;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.db.ScopedTransactions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Syncs a web source: the page itself, or every page a sitemap lists (a sitemap index one level
 * deep, at most {@code maxSitemapPages}). robots.txt is honoured per host; each page becomes (or
 * updates) one document, queued for ingestion only when its content changed. Pages that left the
 * sitemap are removed. A page that cannot be fetched, or that robots.txt forbids, stays listed as a
 * failed document with the reason.
 */
@Component
class SourceSync implements KnowledgeJobs.Handler {

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final WebFetcher fetcher;
    private final KnowledgeJobs jobs;
    private final OrgIndexes indexes;
    private final int maxPages;
    private final Quotas quotas;

    SourceSync(
            DSLContext db,
            ScopedTransactions tx,
            WebFetcher fetcher,
            KnowledgeJobs jobs,
            OrgIndexes indexes,
            KnowledgeProperties properties,
            Quotas quotas) {
        this.quotas = quotas;
        this.db = db;
        this.tx = tx;
        this.fetcher = fetcher;
        this.jobs = jobs;
        this.indexes = indexes;
        this.maxPages = properties.maxSitemapPages();
    }

    private record Source(UUID id, UUID knowledgeBaseId, URI url, String kind) {}

    @Override
    public void run(KnowledgeJobs.Job job, Runnable heartbeat) {
        UUID orgId = job.orgId();
        Source source = tx.inOrg(orgId, () -> {
            Record r = db.select(Sources.ALL)
                    .from(Sources.T)
                    .where(Sources.ORG_ID.eq(orgId), Sources.ID.eq(job.targetId()))
                    .fetchOne();
            if (r == null) return null;
            status(orgId, r.get(Sources.ID), "syncing", null, null, null);
            return new Source(
                    r.get(Sources.ID), r.get(Sources.KB_ID), URI.create(r.get(Sources.URL)), r.get(Sources.KIND));
        });
        if (source == null) return;
        Map<String, RobotsTxt> robots = new HashMap<>();
        List<URI> pages;
        if (source.kind().equals("sitemap")) {
            try {
                pages = sitemapPages(source.url(), robots);
            } catch (WebFetcher.FetchFailed e) {
                tx.inOrg(orgId, () -> status(orgId, source.id(), "failed", e.getMessage(), null, null));
                return;
            }
        } else {
            pages = List.of(source.url());
        }
        Set<String> seen = new LinkedHashSet<>();
        int skipped = 0;
        for (URI page : pages) {
            heartbeat.run();
            seen.add(page.toString());
            if (!allowed(page, robots)) {
                upsertFailed(
                        orgId, source, page, "robots.txt of " + page.getHost() + " does not allow fetching this page");
                skipped++;
                continue;
            }
            try {
                var fetched = fetcher.fetch(page);
                if (fetched.status() < 200 || fetched.status() >= 300) {
                    upsertFailed(orgId, source, page, "The server answered HTTP " + fetched.status());
                    skipped++;
                    continue;
                }
                var format = DocumentFormat.detect(fetched.url().getPath(), fetched.contentType())
                        .filter(f -> f != DocumentFormat.DOCX && f != DocumentFormat.CSV)
                        .or(() -> DocumentFormat.detect(null, fetched.contentType()));
                if (format.isEmpty()) {
                    upsertFailed(orgId, source, page, "Unsupported content type " + fetched.contentType());
                    skipped++;
                    continue;
                }
                upsertPage(orgId, source, page, format.get(), fetched.body());
            } catch (ApiProblem quotaExceeded) {
                upsertFailed(orgId, source, page, quotaExceeded.getMessage());
                skipped++;
            } catch (WebFetcher.FetchFailed e) {
                upsertFailed(orgId, source, page, e.getMessage());
                skipped++;
            }
        }
        int skippedPages = skipped;
        List<UUID> removed = tx.inOrg(orgId, () -> {
            var gone = db.select(Documents.ID)
                    .from(Documents.T)
                    .where(Documents.ORG_ID.eq(orgId), Documents.SOURCE_ID.eq(source.id()))
                    .and(seen.isEmpty() ? org.jooq.impl.DSL.trueCondition() : Documents.SOURCE_URL.notIn(seen))
                    .fetch(Documents.ID);
            db.deleteFrom(Documents.T).where(Documents.ID.in(gone)).execute();
            status(orgId, source.id(), "synced", null, pages.size(), skippedPages);
            return gone;
        });
        removed.forEach(id -> indexes.get(orgId).deleteDocument(id.toString()));
    }

    private List<URI> sitemapPages(URI sitemap, Map<String, RobotsTxt> robots) {
        if (!allowed(sitemap, robots)) {
            throw new WebFetcher.FetchFailed(
                    "robots.txt of " + sitemap.getHost() + " does not allow fetching the sitemap");
        }
        Set<URI> pages = new LinkedHashSet<>();
        List<URI> nested = new ArrayList<>();
        readSitemap(sitemap, pages, nested);
        for (URI child : nested) {
            if (pages.size() >= maxPages) break;
            if (allowed(child, robots)) {
                try {
                    readSitemap(child, pages, new ArrayList<>());
                } catch (WebFetcher.FetchFailed ignored) {
                    // one broken nested sitemap should not lose the others
                }
            }
        }
        return pages.stream().limit(maxPages).toList();
    }

    private void readSitemap(URI url, Set<URI> pages, List<URI> nested) {
        var fetched = fetcher.fetch(url);
        if (fetched.status() < 200 || fetched.status() >= 300) {
            throw new WebFetcher.FetchFailed("The sitemap " + url + " answered HTTP " + fetched.status());
        }
        var xml = Jsoup.parse(new String(fetched.body(), StandardCharsets.UTF_8), url.toString(), Parser.xmlParser());
        boolean index = !xml.select("sitemapindex").isEmpty();
        for (var loc : xml.select("loc")) {
            try {
                URI location = fetched.url().resolve(loc.text().trim());
                if (!"http".equals(location.getScheme()) && !"https".equals(location.getScheme())) continue;
                if (index) nested.add(location);
                else pages.add(location);
            } catch (IllegalArgumentException ignored) {
                // a malformed <loc> is skipped
            }
        }
        if (!index && pages.isEmpty() && xml.select("urlset").isEmpty()) {
            throw new WebFetcher.FetchFailed(url + " is not a sitemap (no <urlset> or <sitemapindex>)");
        }
    }

    private boolean allowed(URI url, Map<String, RobotsTxt> cache) {
        String origin = url.getScheme() + "://" + url.getRawAuthority();
        RobotsTxt robots = cache.computeIfAbsent(origin, o -> {
            try {
                var fetched = fetcher.fetch(URI.create(o + "/robots.txt"));
                if (fetched.status() >= 200 && fetched.status() < 300) {
                    return RobotsTxt.parse(new String(fetched.body(), StandardCharsets.UTF_8));
                }
                return RobotsTxt.ALLOW_ALL; // 4xx: no robots.txt, everything allowed (RFC 9309)
            } catch (WebFetcher.FetchFailed e) {
                return RobotsTxt.ALLOW_ALL;
            }
        });
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return robots.allows(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery());
    }

    private void upsertPage(UUID orgId, Source source, URI page, DocumentFormat format, byte[] body) {
        String hash = sha256(body);
        String title = format == DocumentFormat.HTML ? htmlTitle(body, page) : page.toString();
        tx.inOrg(orgId, () -> {
            Record existing = db.select(Documents.ID, Documents.CONTENT_SHA256, Documents.STATUS, Documents.SIZE_BYTES)
                    .from(Documents.T)
                    .where(Documents.SOURCE_ID.eq(source.id()), Documents.SOURCE_URL.eq(page.toString()))
                    .fetchOne();
            if (existing != null
                    && hash.equals(existing.get(Documents.CONTENT_SHA256))
                    && "ready".equals(existing.get(Documents.STATUS))) {
                return null; // unchanged since the last sync
            }
            long growth = body.length - (existing == null ? 0 : existing.get(Documents.SIZE_BYTES));
            if (growth > 0) quotas.requireRoom(orgId, Limit.KNOWLEDGE_BASE_BYTES, growth);
            UUID id = existing == null ? UUID.randomUUID() : existing.get(Documents.ID);
            if (existing == null) {
                db.insertInto(Documents.T)
                        .set(Documents.ID, id)
                        .set(Documents.ORG_ID, orgId)
                        .set(Documents.KB_ID, source.knowledgeBaseId())
                        .set(Documents.SOURCE_ID, source.id())
                        .set(Documents.SOURCE_URL, page.toString())
                        .set(Documents.TITLE, title)
                        .set(Documents.FORMAT, format.json())
                        .set(Documents.SIZE_BYTES, (long) body.length)
                        .set(Documents.CONTENT, body)
                        .set(Documents.CONTENT_SHA256, hash)
                        .execute();
            } else {
                db.update(Documents.T)
                        .set(Documents.TITLE, title)
                        .set(Documents.FORMAT, format.json())
                        .set(Documents.SIZE_BYTES, (long) body.length)
                        .set(Documents.CONTENT, body)
                        .set(Documents.CONTENT_SHA256, hash)
                        .set(Documents.STATUS, "queued")
                        .set(Documents.PROGRESS, 0)
                        .set(Documents.ERROR, (String) null)
                        .set(Documents.UPDATED_AT, Instant.now())
                        .where(Documents.ID.eq(id))
                        .execute();
            }
            jobs.enqueue(orgId, KnowledgeJobs.Kind.INGEST, id);
            return null;
        });
    }

    private void upsertFailed(UUID orgId, Source source, URI page, String error) {
        tx.inOrg(orgId, () -> {
            UUID existing = db.select(Documents.ID)
                    .from(Documents.T)
                    .where(Documents.SOURCE_ID.eq(source.id()), Documents.SOURCE_URL.eq(page.toString()))
                    .fetchOne(Documents.ID);
            if (existing == null) {
                db.insertInto(Documents.T)
                        .set(Documents.ID, UUID.randomUUID())
                        .set(Documents.ORG_ID, orgId)
                        .set(Documents.KB_ID, source.knowledgeBaseId())
                        .set(Documents.SOURCE_ID, source.id())
                        .set(Documents.SOURCE_URL, page.toString())
                        .set(Documents.TITLE, page.toString())
                        .set(Documents.FORMAT, DocumentFormat.HTML.json())
                        .set(Documents.SIZE_BYTES, 0L)
                        .set(Documents.STATUS, "failed")
                        .set(Documents.PROGRESS, 100)
                        .set(Documents.ERROR, error)
                        .execute();
            } else {
                // keep the chunks of the last good version searchable; say why this sync did not refresh it
                db.update(Documents.T)
                        .set(Documents.ERROR, error)
                        .set(Documents.UPDATED_AT, Instant.now())
                        .where(Documents.ID.eq(existing))
                        .execute();
            }
            return null;
        });
    }

    private boolean status(
            UUID orgId,
            UUID sourceId,
            String status,
            @Nullable String error,
            @Nullable Integer found,
            @Nullable Integer skipped) {
        var update = db.update(Sources.T).set(Sources.STATUS, status).set(Sources.ERROR, error);
        if (found != null) update = update.set(Sources.PAGES_FOUND, found);
        if (skipped != null) update = update.set(Sources.PAGES_SKIPPED, skipped);
        if (status.equals("synced") || status.equals("failed"))
            update = update.set(Sources.LAST_SYNCED_AT, Instant.now());
        return update.where(Sources.ORG_ID.eq(orgId), Sources.ID.eq(sourceId)).execute() > 0;
    }

    @Override
    public void gaveUp(KnowledgeJobs.Job job, String error) {
        tx.inOrg(job.orgId(), () -> status(job.orgId(), job.targetId(), "failed", error, null, null));
    }

    private static String htmlTitle(byte[] body, URI page) {
        String title =
                Jsoup.parse(new String(body, StandardCharsets.UTF_8)).title().trim();
        return title.isEmpty() ? page.toString() : title;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
