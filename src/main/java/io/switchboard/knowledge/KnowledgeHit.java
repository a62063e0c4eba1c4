package io.switchboard.knowledge;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A matching chunk and where it came from, enough to cite it.
 *
 * @param text the small chunk that matched
 * @param context the parent section around it, for an answer's context
 * @param score the fused (RRF) score
 * @param lexicalRank 1-based rank in the BM25 list, null when BM25 did not find it
 * @param vectorRank 1-based rank in the vector list, null when vector search did not find it
 */
public record KnowledgeHit(
        UUID chunkId,
        UUID knowledgeBaseId,
        UUID documentId,
        String documentTitle,
        @Nullable String section,
        @Nullable String sourceUrl,
        String text,
        String context,
        double score,
        @Nullable Integer lexicalRank,
        @Nullable Integer vectorRank) {}
