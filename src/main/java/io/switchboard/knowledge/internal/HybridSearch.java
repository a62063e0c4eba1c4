package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.Chunks;
import static io.switchboard.knowledge.internal.KnowledgeTables.Documents;
import static io.switchboard.knowledge.internal.KnowledgeTables.KnowledgeBases;
import static io.switchboard.knowledge.internal.KnowledgeTables.Sections;

import io.switchboard.knowledge.KnowledgeHit;
import io.switchboard.knowledge.KnowledgeSearch;
import io.switchboard.knowledge.TextEmbeddings;
import io.switchboard.shared.db.ScopedTransactions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;

/**
 * The one retrieval path: BM25 top-N and kNN top-N from the organisation's index, filtered to the
 * knowledge bases inside the queries, fused by reciprocal rank; then each hit is completed from
 * PostgreSQL (text, parent section, document, URL). A hit whose chunk is gone from PostgreSQL (a
 * document deleted a moment ago) is dropped: the database is the source of truth.
 */
@Service
class HybridSearch implements KnowledgeSearch {

    static final int MIN_CANDIDATES = 50;
    static final int MAX_K = 100;

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final OrgIndexes indexes;
    private final TextEmbeddings embeddings;

    HybridSearch(DSLContext db, ScopedTransactions tx, OrgIndexes indexes, TextEmbeddings embeddings) {
        this.db = db;
        this.tx = tx;
        this.indexes = indexes;
        this.embeddings = embeddings;
    }

    @Override
    public List<KnowledgeHit> search(UUID orgId, Collection<UUID> knowledgeBaseIds, String query, int k) {
        return search(orgId, knowledgeBaseIds, query, k, SearchMode.HYBRID);
    }

    List<KnowledgeHit> search(UUID orgId, Collection<UUID> knowledgeBaseIds, String query, int k, SearchMode mode) {
        if (knowledgeBaseIds.isEmpty() || query.isBlank()) {
            return List.of();
        }
        List<IndexHit> hits = rank(
                indexes.get(orgId),
                embeddings,
                knowledgeBaseIds.stream().map(UUID::toString).toList(),
                query,
                Math.clamp(k, 1, MAX_K),
                mode);
        return hydrate(orgId, hits);
    }

    /** Index-level ranking, shared with the retrieval benchmark. {@code kbIds} null = no filter. */
    static List<IndexHit> rank(
            LuceneIndex index,
            TextEmbeddings embeddings,
            @org.jspecify.annotations.Nullable Collection<String> kbIds,
            String query,
            int k,
            SearchMode mode) {
        int candidates = Math.max(k, MIN_CANDIDATES);
        return switch (mode) {
            case BM25 -> top(index.lexical(kbIds, query, k), k);
            case DENSE -> top(index.vector(kbIds, embeddings.embed(query), k), k);
            case HYBRID ->
                ReciprocalRankFusion.fuse(
                        index.lexical(kbIds, query, candidates),
                        index.vector(kbIds, embeddings.embed(query), candidates),
                        k);
        };
    }

    private static List<IndexHit> top(List<IndexHit> hits, int k) {
        return hits.size() > k ? hits.subList(0, k) : hits;
    }

    private List<KnowledgeHit> hydrate(UUID orgId, List<IndexHit> hits) {
        if (hits.isEmpty()) return List.of();
        List<UUID> ids = hits.stream().map(h -> UUID.fromString(h.chunkId())).toList();
        Map<UUID, Record> rows = tx
                .inOrg(
                        orgId,
                        () -> db.select(
                                        Chunks.ID,
                                        Chunks.KB_ID,
                                        Chunks.DOCUMENT_ID,
                                        Chunks.TEXT,
                                        Sections.HEADING,
                                        Sections.TEXT,
                                        Documents.TITLE,
                                        Documents.SOURCE_URL)
                                .from(Chunks.T)
                                .join(Sections.T)
                                .on(Sections.ID.eq(Chunks.SECTION_ID))
                                .join(Documents.T)
                                .on(Documents.ID.eq(Chunks.DOCUMENT_ID))
                                .where(Chunks.ORG_ID.eq(orgId), Chunks.ID.in(ids))
                                .fetch())
                .stream()
                .collect(Collectors.toMap(r -> r.get(Chunks.ID), Function.identity()));
        List<KnowledgeHit> result = new ArrayList<>(hits.size());
        for (IndexHit hit : hits) {
            Record r = rows.get(UUID.fromString(hit.chunkId()));
            if (r == null) continue;
            result.add(new KnowledgeHit(
                    r.get(Chunks.ID),
                    r.get(Chunks.KB_ID),
                    r.get(Chunks.DOCUMENT_ID),
                    r.get(Documents.TITLE),
                    r.get(Sections.HEADING),
                    r.get(Documents.SOURCE_URL),
                    r.get(Chunks.TEXT),
                    r.get(Sections.TEXT),
                    hit.score(),
                    hit.lexicalRank(),
                    hit.vectorRank()));
        }
        return result;
    }

    @Override
    public boolean exists(UUID orgId, UUID knowledgeBaseId) {
        return tx.inOrg(
                orgId,
                () -> db.fetchExists(
                        KnowledgeBases.T, KnowledgeBases.ORG_ID.eq(orgId).and(KnowledgeBases.ID.eq(knowledgeBaseId))));
    }
}
