package io.switchboard.knowledge;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** One deterministic retrieval path: BM25 and vector search fused with reciprocal-rank fusion. */
public interface KnowledgeSearch {

    /**
     * The best {@code k} chunks for the query among the given knowledge bases of one organisation,
     * best first; ties broken by chunk id so the same index always answers the same list.
     */
    List<KnowledgeHit> search(UUID orgId, Collection<UUID> knowledgeBaseIds, String query, int k);

    /** Whether the knowledge base exists in this organisation (for validating references to it). */
    boolean exists(UUID orgId, UUID knowledgeBaseId);
}
