package io.switchboard.knowledge.internal;

import org.jspecify.annotations.Nullable;

/**
 * A chunk an index search found.
 *
 * @param score BM25 score, cosine similarity, or the fused RRF score, by mode
 * @param lexicalRank 1-based rank in the BM25 list, null when not in it
 * @param vectorRank 1-based rank in the vector list, null when not in it
 */
record IndexHit(
        String chunkId,
        String knowledgeBaseId,
        String documentId,
        double score,
        @Nullable Integer lexicalRank,
        @Nullable Integer vectorRank) {}
