package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.Chunks;
import static io.switchboard.knowledge.internal.KnowledgeTables.Documents;
import static io.switchboard.knowledge.internal.KnowledgeTables.KnowledgeBases;
import static io.switchboard.knowledge.internal.KnowledgeTables.Sources;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.billing.Limit;
import io.switchboard.billing.Quotas;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.db.AfterCommit;
import io.switchboard.shared.db.Pages;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Knowledge bases, their documents and web sources, for the caller's organisation. */
@Service
class KnowledgeService {

    private final Quotas quotas;
    private final DSLContext db;
    private final KnowledgeJobs jobs;
    private final Reindexer reindexer;
    private final OrgIndexes indexes;
    private final KnowledgeProperties properties;
    private final AuditLog audit;
    private final long maxDocumentBytes;

    KnowledgeService(
            DSLContext db,
            KnowledgeJobs jobs,
            Reindexer reindexer,
            OrgIndexes indexes,
            AuditLog audit,
            KnowledgeProperties properties,
            Quotas quotas) {
        this.quotas = quotas;
        this.db = db;
        this.jobs = jobs;
        this.reindexer = reindexer;
        this.indexes = indexes;
        this.properties = properties;
        this.audit = audit;
        this.maxDocumentBytes = properties.maxDocumentSize().toBytes();
    }

    record ReindexView(
            @Schema(allowableValues = {"idle", "queued", "running", "failed"})
            String status,

            int progress,
            @Nullable String error,
            @Nullable Instant finishedAt) {}

    record KnowledgeBaseView(
            UUID id,
            String name,
            @Nullable String description,
            int documentCount,
            int readyCount,
            int pendingCount,
            int failedCount,
            long chunkCount,
            ReindexView reindex,
            Instant createdAt,
            Instant updatedAt) {}

    record DocumentView(
            UUID id,
            UUID knowledgeBaseId,
            @Nullable UUID sourceId,
            String title,
            @Nullable String filename,
            @Nullable String sourceUrl,

            @Schema(allowableValues = {"text", "markdown", "html", "pdf", "docx", "csv"})
            String format,

            long sizeBytes,

            @Schema(allowableValues = {"queued", "processing", "ready", "failed"})
            String status,

            @Schema(description = "0-100 while queued or processing")
            int progress,

            @Nullable String error,
            int chunkCount,
            Instant createdAt,
            Instant updatedAt) {}

    record SourceView(
            UUID id,
            UUID knowledgeBaseId,
            String url,
            @Schema(allowableValues = {"page", "sitemap"}) String kind,

            @Schema(allowableValues = {"queued", "syncing", "synced", "failed"})
            String status,

            @Nullable String error,
            int pagesFound,
            int pagesSkipped,
            @Nullable Instant lastSyncedAt,
            Instant createdAt) {}

    // ---- knowledge bases

    PageResponse<KnowledgeBaseView> list(PageQuery page) {
        UUID orgId = CurrentPrincipal.get().orgId();
        var result = Pages.fetch(
                db,
                page,
                db.select(KnowledgeBases.ALL)
                        .from(KnowledgeBases.T)
                        .where(KnowledgeBases.ORG_ID.eq(orgId))
                        .orderBy(KnowledgeBases.CREATED_AT.desc(), KnowledgeBases.ID),
                r -> r);
        var stats = stats(
                orgId,
                result.items().stream().map(r -> r.get(KnowledgeBases.ID)).toList());
        return result.map(r -> toView(r, stats.get(r.get(KnowledgeBases.ID))));
    }

    KnowledgeBaseView get(UUID id) {
        UUID orgId = CurrentPrincipal.get().orgId();
        Record r = kb(orgId, id);
        return toView(r, stats(orgId, List.of(id)).get(id));
    }

    @Transactional
    KnowledgeBaseView create(String name, @Nullable String description) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        UUID id = UUID.randomUUID();
        db.insertInto(KnowledgeBases.T)
                .set(KnowledgeBases.ID, id)
                .set(KnowledgeBases.ORG_ID, principal.orgId())
                .set(KnowledgeBases.NAME, name.trim())
                .set(KnowledgeBases.DESCRIPTION, blankToNull(description))
                .execute();
        audit.record("knowledge_base.created", "knowledge_base", id.toString(), Map.of("name", name.trim()));
        return get(id);
    }

    @Transactional
    KnowledgeBaseView update(UUID id, @Nullable String name, @Nullable String description) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        kb(principal.orgId(), id);
        var update = db.update(KnowledgeBases.T).set(KnowledgeBases.UPDATED_AT, Instant.now());
        if (name != null) update = update.set(KnowledgeBases.NAME, name.trim());
        if (description != null) update = update.set(KnowledgeBases.DESCRIPTION, blankToNull(description));
        update.where(KnowledgeBases.ORG_ID.eq(principal.orgId()), KnowledgeBases.ID.eq(id))
                .execute();
        audit.record("knowledge_base.updated", "knowledge_base", id.toString(), Map.of());
        return get(id);
    }

    @Transactional
    void delete(UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        kb(principal.orgId(), id);
        db.deleteFrom(KnowledgeBases.T)
                .where(KnowledgeBases.ORG_ID.eq(principal.orgId()), KnowledgeBases.ID.eq(id))
                .execute();
        audit.record("knowledge_base.deleted", "knowledge_base", id.toString(), Map.of());
        UUID orgId = principal.orgId();
        AfterCommit.run(() -> indexes.get(orgId).deleteKnowledgeBase(id.toString(), true));
    }

    @Transactional
    KnowledgeBaseView reindex(UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        kb(principal.orgId(), id);
        reindexer.request(principal.orgId(), id);
        audit.record("knowledge_base.reindex_requested", "knowledge_base", id.toString(), Map.of());
        return get(id);
    }

    /** 404 unless the knowledge base is the caller's organisation's. */
    Record kb(UUID orgId, UUID id) {
        Record r = db.select(KnowledgeBases.ALL)
                .from(KnowledgeBases.T)
                .where(KnowledgeBases.ORG_ID.eq(orgId), KnowledgeBases.ID.eq(id))
                .fetchOne();
        if (r == null) {
            throw ApiProblem.notFound("Knowledge base " + id);
        }
        return r;
    }

    private record Stats(int documents, int ready, int pending, int failed, long chunks) {}

    private Map<UUID, Stats> stats(UUID orgId, List<UUID> ids) {
        if (ids.isEmpty()) return Map.of();
        var ready = DSL.count().filterWhere(Documents.STATUS.eq("ready"));
        var pending = DSL.count().filterWhere(Documents.STATUS.in("queued", "processing"));
        var failed = DSL.count().filterWhere(Documents.STATUS.eq("failed"));
        var chunks = DSL.coalesce(DSL.sum(Documents.CHUNK_COUNT), DSL.inline(java.math.BigDecimal.ZERO));
        return db.select(Documents.KB_ID, DSL.count(), ready, pending, failed, chunks)
                .from(Documents.T)
                .where(Documents.ORG_ID.eq(orgId), Documents.KB_ID.in(ids))
                .groupBy(Documents.KB_ID)
                .fetchMap(
                        r -> r.value1(),
                        r -> new Stats(
                                r.value2(),
                                r.value3(),
                                r.value4(),
                                r.value5(),
                                r.value6().longValue()));
    }

    private KnowledgeBaseView toView(Record r, @Nullable Stats stats) {
        Stats s = stats == null ? new Stats(0, 0, 0, 0, 0) : stats;
        return new KnowledgeBaseView(
                r.get(KnowledgeBases.ID),
                r.get(KnowledgeBases.NAME),
                r.get(KnowledgeBases.DESCRIPTION),
                s.documents(),
                s.ready(),
                s.pending(),
                s.failed(),
                s.chunks(),
                new ReindexView(
                        r.get(KnowledgeBases.REINDEX_STATUS),
                        r.get(KnowledgeBases.REINDEX_PROGRESS),
                        r.get(KnowledgeBases.REINDEX_ERROR),
                        r.get(KnowledgeBases.REINDEXED_AT)),
                r.get(KnowledgeBases.CREATED_AT),
                r.get(KnowledgeBases.UPDATED_AT));
    }

    // ---- documents

    PageResponse<DocumentView> documents(UUID kbId, PageQuery page, @Nullable String status) {
        UUID orgId = CurrentPrincipal.get().orgId();
        kb(orgId, kbId);
        var condition = Documents.ORG_ID.eq(orgId).and(Documents.KB_ID.eq(kbId));
        if (status != null && !status.isBlank()) {
            condition = condition.and(Documents.STATUS.eq(status.toLowerCase(Locale.ROOT)));
        }
        return Pages.fetch(
                db,
                page,
                db.select(Documents.ALL)
                        .from(Documents.T)
                        .where(condition)
                        .orderBy(Documents.CREATED_AT.desc(), Documents.ID),
                KnowledgeService::toDocument);
    }

    DocumentView document(UUID kbId, UUID documentId) {
        UUID orgId = CurrentPrincipal.get().orgId();
        kb(orgId, kbId);
        Record r = db.select(Documents.ALL)
                .from(Documents.T)
                .where(Documents.ORG_ID.eq(orgId), Documents.KB_ID.eq(kbId), Documents.ID.eq(documentId))
                .fetchOne();
        if (r == null) throw ApiProblem.notFound("Document " + documentId);
        return toDocument(r);
    }

    @Transactional
    DocumentView upload(UUID kbId, @Nullable String filename, @Nullable String contentType, byte[] content) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        kb(principal.orgId(), kbId);
        if (content.length == 0) {
            throw ApiProblem.invalidField("file", "is empty");
        }
        if (content.length > maxDocumentBytes) {
            throw ApiProblem.tooLarge(
                    "file", "is larger than the limit of " + maxDocumentBytes / (1024 * 1024) + " MB");
        }
        DocumentFormat format = DocumentFormat.detect(filename, contentType)
                .orElseThrow(() -> ApiProblem.invalidField(
                        "file",
                        "has an unsupported type (" + (filename == null ? contentType : filename) + "); upload a "
                                + DocumentFormat.SUPPORTED + " file"));
        checkSignature(format, content);
        quotas.requireRoom(principal.orgId(), Limit.KNOWLEDGE_BASE_BYTES, content.length);
        String name = filename == null || filename.isBlank() ? "document." + format.json() : filename.trim();
        name = name.replaceAll("^.*[/\\\\]", "");
        UUID id = UUID.randomUUID();
        db.insertInto(Documents.T)
                .set(Documents.ID, id)
                .set(Documents.ORG_ID, principal.orgId())
                .set(Documents.KB_ID, kbId)
                .set(Documents.TITLE, name)
                .set(Documents.FILENAME, name)
                .set(Documents.FORMAT, format.json())
                .set(Documents.SIZE_BYTES, (long) content.length)
                .set(Documents.CONTENT, content)
                .set(Documents.CONTENT_SHA256, SourceSync.sha256(content))
                .execute();
        jobs.enqueue(principal.orgId(), KnowledgeJobs.Kind.INGEST, id);
        audit.record(
                "knowledge_document.uploaded",
                "knowledge_document",
                id.toString(),
                Map.of("knowledgeBaseId", kbId.toString(), "filename", name, "bytes", content.length));
        return document(kbId, id);
    }

    /** Binary formats are recognised by their first bytes, so a renamed file is refused at once. */
    private static void checkSignature(DocumentFormat format, byte[] content) {
        boolean ok = switch (format) {
            case PDF -> startsWith(content, "%PDF-");
            case DOCX -> startsWith(content, "PK");
            default -> true;
        };
        if (!ok) {
            throw ApiProblem.invalidField(
                    "file", "is not a valid " + format.json().toUpperCase(Locale.ROOT) + " file");
        }
    }

    private static boolean startsWith(byte[] content, String prefix) {
        byte[] p = prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (content.length < p.length) return false;
        for (int i = 0; i < p.length; i++) if (content[i] != p[i]) return false;
        return true;
    }

    @Transactional
    void deleteDocument(UUID kbId, UUID documentId) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        kb(principal.orgId(), kbId);
        int deleted = db.deleteFrom(Documents.T)
                .where(Documents.ORG_ID.eq(principal.orgId()), Documents.KB_ID.eq(kbId), Documents.ID.eq(documentId))
                .execute();
        if (deleted == 0) throw ApiProblem.notFound("Document " + documentId);
        audit.record("knowledge_document.deleted", "knowledge_document", documentId.toString(), Map.of());
        UUID orgId = principal.orgId();
        AfterCommit.run(() -> indexes.get(orgId).deleteDocument(documentId.toString()));
    }

    private static DocumentView toDocument(Record r) {
        return new DocumentView(
                r.get(Documents.ID),
                r.get(Documents.KB_ID),
                r.get(Documents.SOURCE_ID),
                r.get(Documents.TITLE),
                r.get(Documents.FILENAME),
                r.get(Documents.SOURCE_URL),
                r.get(Documents.FORMAT),
                r.get(Documents.SIZE_BYTES),
                r.get(Documents.STATUS),
                r.get(Documents.PROGRESS),
                r.get(Documents.ERROR),
                r.get(Documents.CHUNK_COUNT),
                r.get(Documents.CREATED_AT),
                r.get(Documents.UPDATED_AT));
    }

    // ---- web sources

    PageResponse<SourceView> sources(UUID kbId, PageQuery page) {
        UUID orgId = CurrentPrincipal.get().orgId();
        kb(orgId, kbId);
        return Pages.fetch(
                db,
                page,
                db.select(Sources.ALL)
                        .from(Sources.T)
                        .where(Sources.ORG_ID.eq(orgId), Sources.KB_ID.eq(kbId))
                        .orderBy(Sources.CREATED_AT.desc(), Sources.ID),
                KnowledgeService::toSource);
    }

    @Transactional
    SourceView addSource(UUID kbId, String url, String kind) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        kb(principal.orgId(), kbId);
        String normalizedKind = kind.toLowerCase(Locale.ROOT);
        if (!normalizedKind.equals("page") && !normalizedKind.equals("sitemap")) {
            throw ApiProblem.invalidField("kind", "must be page or sitemap");
        }
        var uri = properties.checkUrl("url", url);
        UUID id = UUID.randomUUID();
        db.insertInto(Sources.T)
                .set(Sources.ID, id)
                .set(Sources.ORG_ID, principal.orgId())
                .set(Sources.KB_ID, kbId)
                .set(Sources.URL, uri.toString())
                .set(Sources.KIND, normalizedKind)
                .execute();
        jobs.enqueue(principal.orgId(), KnowledgeJobs.Kind.SYNC, id);
        audit.record(
                "knowledge_source.added",
                "knowledge_source",
                id.toString(),
                Map.of("knowledgeBaseId", kbId.toString(), "url", uri.toString(), "kind", normalizedKind));
        return source(principal.orgId(), kbId, id);
    }

    @Transactional
    SourceView resync(UUID kbId, UUID sourceId) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        kb(principal.orgId(), kbId);
        source(principal.orgId(), kbId, sourceId);
        db.update(Sources.T)
                .set(Sources.STATUS, "queued")
                .set(Sources.ERROR, (String) null)
                .where(Sources.ID.eq(sourceId))
                .execute();
        jobs.enqueue(principal.orgId(), KnowledgeJobs.Kind.SYNC, sourceId);
        return source(principal.orgId(), kbId, sourceId);
    }

    @Transactional
    void deleteSource(UUID kbId, UUID sourceId) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        kb(principal.orgId(), kbId);
        source(principal.orgId(), kbId, sourceId);
        List<UUID> documents = db.select(Documents.ID)
                .from(Documents.T)
                .where(Documents.SOURCE_ID.eq(sourceId))
                .fetch(Documents.ID);
        db.deleteFrom(Sources.T).where(Sources.ID.eq(sourceId)).execute();
        audit.record("knowledge_source.deleted", "knowledge_source", sourceId.toString(), Map.of());
        UUID orgId = principal.orgId();
        AfterCommit.run(() -> documents.forEach(d -> indexes.get(orgId).deleteDocument(d.toString())));
    }

    private SourceView source(UUID orgId, UUID kbId, UUID sourceId) {
        Record r = db.select(Sources.ALL)
                .from(Sources.T)
                .where(Sources.ORG_ID.eq(orgId), Sources.KB_ID.eq(kbId), Sources.ID.eq(sourceId))
                .fetchOne();
        if (r == null) throw ApiProblem.notFound("Source " + sourceId);
        return toSource(r);
    }

    private static SourceView toSource(Record r) {
        return new SourceView(
                r.get(Sources.ID),
                r.get(Sources.KB_ID),
                r.get(Sources.URL),
                r.get(Sources.KIND),
                r.get(Sources.STATUS),
                r.get(Sources.ERROR),
                r.get(Sources.PAGES_FOUND),
                r.get(Sources.PAGES_SKIPPED),
                r.get(Sources.LAST_SYNCED_AT),
                r.get(Sources.CREATED_AT));
    }

    /** Chunks of the organisation's knowledge bases (for tests and status). */
    int chunkCount(UUID orgId) {
        return db.fetchCount(Chunks.T, Chunks.ORG_ID.eq(orgId));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
