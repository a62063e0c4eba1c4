package io.switchboard.knowledge.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal-rank fusion (Cormack et al. 2009): score = Σ 1/(k + rank) over the lists a chunk is in.
 * Only ranks matter, so BM25 scores and cosine similarities need no calibration. Ties are broken by
 * chunk id so the same lists always fuse to the same order.
 */
final class ReciprocalRankFusion {

    static final int K = 60;

    private ReciprocalRankFusion() {}

    /** Fuses two ranked lists (best first) into the best {@code limit}, with each chunk's ranks kept. */
    static List<IndexHit> fuse(List<IndexHit> lexical, List<IndexHit> vector, int limit) {
        Map<String, IndexHit> first = new LinkedHashMap<>();
        Map<String, Integer> lexicalRank = new HashMap<>();
        Map<String, Integer> vectorRank = new HashMap<>();
        for (int i = 0; i < lexical.size(); i++) {
            first.putIfAbsent(lexical.get(i).chunkId(), lexical.get(i));
            lexicalRank.putIfAbsent(lexical.get(i).chunkId(), i + 1);
        }
        for (int i = 0; i < vector.size(); i++) {
            first.putIfAbsent(vector.get(i).chunkId(), vector.get(i));
            vectorRank.putIfAbsent(vector.get(i).chunkId(), i + 1);
        }
        List<IndexHit> fused = new ArrayList<>(first.size());
        for (IndexHit hit : first.values()) {
            Integer l = lexicalRank.get(hit.chunkId());
            Integer v = vectorRank.get(hit.chunkId());
            double score = (l == null ? 0 : 1.0 / (K + l)) + (v == null ? 0 : 1.0 / (K + v));
            fused.add(new IndexHit(hit.chunkId(), hit.knowledgeBaseId(), hit.documentId(), score, l, v));
        }
        fused.sort(BEST_FIRST);
        return fused.size() > limit ? List.copyOf(fused.subList(0, limit)) : fused;
    }

    static final Comparator<IndexHit> BEST_FIRST =
            Comparator.comparingDouble(IndexHit::score).reversed().thenComparing(IndexHit::chunkId);
}
