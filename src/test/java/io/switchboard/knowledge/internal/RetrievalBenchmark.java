package io.switchboard.knowledge.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retrieval quality and speed of the production search code ({@link MiniLmEmbeddings}, {@link
 * LuceneIndex}, {@link HybridSearch#rank}, {@link ReciprocalRankFusion}) on any BEIR folder
 * (corpus.jsonl, queries.jsonl, qrels/test.tsv). BEIR conventions: a document is title + text and
 * one unit (no chunking; the model input is cut at 256 word pieces like sentence-transformers does),
 * qrels with score > 0 are relevant, a query's own id is never counted as a hit. Then a scale run:
 * search latency on an index of {@code scaleChunks} chunks next to a plain TermQuery on the same
 * index. Run through {@code bench/retrieval/run.sh}.
 */
public final class RetrievalBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int K = 100;
    private static final String KB = "bench";

    private RetrievalBenchmark() {}

    record Doc(String id, String text) {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "/work/shared/data/nfcorpus");
        int scaleChunks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path work = Path.of(args.length > 2 ? args[2] : "target/bench-retrieval");
        Files.createDirectories(work);

        List<Doc> corpus = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("corpus.jsonl"))) {
            if (line.isBlank()) continue;
            JsonNode doc = JSON.readTree(line);
            String title = doc.path("title").asString("");
            String text = doc.path("text").asString("");
            corpus.add(new Doc(doc.get("_id").asString(), (title.isBlank() ? "" : title + " ") + text));
        }
        Map<String, String> queries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(folder.resolve("queries.jsonl"))) {
            if (line.isBlank()) continue;
            JsonNode q = JSON.readTree(line);
            queries.put(q.get("_id").asString(), q.get("text").asString());
        }
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<String> qrelLines = Files.readAllLines(folder.resolve("qrels").resolve("test.tsv"));
        for (String raw : qrelLines.subList(1, qrelLines.size())) {
            String[] parts = raw.strip().split("\t");
            if (parts.length < 3) continue;
            qrels.computeIfAbsent(parts[0], x -> new HashMap<>()).put(parts[1], Integer.parseInt(parts[2]));
        }
        List<String> testQueries =
                qrels.keySet().stream().filter(queries::containsKey).toList();
        System.out.printf(
                Locale.ROOT,
                "dataset %s: %,d documents, %,d test queries%n",
                folder,
                corpus.size(),
                testQueries.size());

        MiniLmEmbeddings model = new MiniLmEmbeddings();
        model.embed("warm up the model");

        // embedding throughput (vectors cached on disk so a re-run of the search part is quick)
        Path cache = work.resolve(folder.getFileName() + "-" + corpus.size() + "-vectors.bin");
        float[][] vectors;
        double docsPerSecond;
        if (Files.exists(cache)) {
            vectors = readVectors(cache, corpus.size());
            long t0 = System.nanoTime();
            int sample = Math.min(256, corpus.size());
            model.embedAll(corpus.subList(0, sample).stream().map(Doc::text).toList());
            docsPerSecond = sample / ((System.nanoTime() - t0) / 1e9);
            System.out.printf(
                    Locale.ROOT, "vectors from cache %s; throughput measured on %d documents%n", cache, sample);
        } else {
            vectors = new float[corpus.size()][];
            long t0 = System.nanoTime();
            for (int from = 0; from < corpus.size(); from += 256) {
                int to = Math.min(corpus.size(), from + 256);
                var batch = model.embedAll(
                        corpus.subList(from, to).stream().map(Doc::text).toList());
                for (int i = 0; i < batch.size(); i++) vectors[from + i] = batch.get(i);
                System.out.printf(Locale.ROOT, "  embedded %,d / %,d%n", to, corpus.size());
            }
            docsPerSecond = corpus.size() / ((System.nanoTime() - t0) / 1e9);
            writeVectors(cache, vectors);
        }
        int totalTokens = 0;
        for (int i = 0; i < Math.min(500, corpus.size()); i++)
            totalTokens += Math.min(256, model.count(corpus.get(i).text()));
        System.out.printf(
                Locale.ROOT,
                "embedding: %.1f chunks/s (documents of ~%d word pieces, capped at 256)%n",
                docsPerSecond,
                totalTokens / Math.min(500, corpus.size()));

        Path indexDir = work.resolve("index-" + System.nanoTime());
        Map<String, Result> results = new LinkedHashMap<>();
        long indexNanos;
        try (LuceneIndex index = new LuceneIndex(indexDir)) {
            long t0 = System.nanoTime();
            List<IndexedChunk> chunks = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                chunks.add(new IndexedChunk(
                        corpus.get(i).id(),
                        KB,
                        corpus.get(i).id(),
                        corpus.get(i).text(),
                        vectors[i]));
            }
            index.add(chunks);
            index.commit();
            indexNanos = System.nanoTime() - t0;
            for (SearchMode mode : SearchMode.values()) {
                results.put(mode.json(), evaluate(index, model, mode, testQueries, queries, qrels));
            }
        }
        deleteRecursively(indexDir);

        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s %9s %11s %9s %9s%n", "mode", "nDCG@10", "Recall@100", "p50 ms", "p95 ms");
        results.forEach((mode, r) -> System.out.printf(
                Locale.ROOT, "%-8s %9.4f %11.4f %9.2f %9.2f%n", mode, r.ndcg10(), r.recall100(), r.p50(), r.p95()));
        System.out.printf(
                Locale.ROOT,
                "indexing into Lucene (BM25 + HNSW, vectors given): %.1f s for %,d documents%n",
                indexNanos / 1e9,
                corpus.size());

        // scale: the corpus replicated (vectors jittered so the graph holds distinct points) up to scaleChunks
        if (scaleChunks > 0) {
            scale(model, corpus, vectors, scaleChunks, testQueries, queries, work);
        }
        System.out.printf(
                Locale.ROOT,
                "peak heap: %.0f MB (max %d MB)%n",
                peakHeapMb(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    record Result(double ndcg10, double recall100, double p50, double p95) {}

    private static Result evaluate(
            LuceneIndex index,
            MiniLmEmbeddings model,
            SearchMode mode,
            List<String> testQueries,
            Map<String, String> queries,
            Map<String, Map<String, Integer>> qrels) {
        for (int i = 0; i < Math.min(20, testQueries.size()); i++) { // JIT warm-up
            HybridSearch.rank(index, model, List.of(KB), queries.get(testQueries.get(i)), K, mode);
        }
        double ndcgSum = 0;
        double recallSum = 0;
        double[] millis = new double[testQueries.size()];
        for (int qi = 0; qi < testQueries.size(); qi++) {
            String queryId = testQueries.get(qi);
            long t0 = System.nanoTime();
            List<IndexHit> hits = HybridSearch.rank(index, model, List.of(KB), queries.get(queryId), K + 1, mode);
            millis[qi] = (System.nanoTime() - t0) / 1e6;
            List<String> ranked = hits.stream()
                    .map(IndexHit::chunkId)
                    .filter(id -> !id.equals(queryId))
                    .limit(K)
                    .toList();
            Map<String, Integer> relevant = qrels.get(queryId);
            ndcgSum += ndcg(ranked, relevant, 10);
            long relevantCount = relevant.values().stream().filter(v -> v > 0).count();
            long found = ranked.stream()
                    .filter(id -> relevant.getOrDefault(id, 0) > 0)
                    .count();
            recallSum += relevantCount == 0 ? 0 : (double) found / relevantCount;
        }
        Arrays.sort(millis);
        return new Result(
                ndcgSum / testQueries.size(),
                recallSum / testQueries.size(),
                percentile(millis, 50),
                percentile(millis, 95));
    }

    /** trec_eval's nDCG (as BEIR computes it with pytrec_eval): gain = graded relevance, log2 discount. */
    static double ndcg(List<String> ranked, Map<String, Integer> relevance, int cut) {
        double dcg = 0;
        for (int i = 0; i < Math.min(cut, ranked.size()); i++) {
            int rel = relevance.getOrDefault(ranked.get(i), 0);
            if (rel > 0) dcg += rel / (Math.log(i + 2) / Math.log(2));
        }
        List<Integer> ideal = relevance.values().stream()
                .filter(v -> v > 0)
                .sorted(Comparator.reverseOrder())
                .toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(cut, ideal.size()); i++) idcg += ideal.get(i) / (Math.log(i + 2) / Math.log(2));
        return idcg == 0 ? 0 : dcg / idcg;
    }

    private static void scale(
            MiniLmEmbeddings model,
            List<Doc> corpus,
            float[][] vectors,
            int target,
            List<String> testQueries,
            Map<String, String> queries,
            Path work)
            throws IOException {
        Path dir = work.resolve("scale-" + System.nanoTime());
        Random random = new Random(42);
        try (LuceneIndex index = new LuceneIndex(dir)) {
            long t0 = System.nanoTime();
            List<IndexedChunk> batch = new ArrayList<>();
            for (int n = 0; n < target; n++) {
                int i = n % corpus.size();
                int copy = n / corpus.size();
                float[] v = vectors[i];
                if (copy > 0) {
                    v = v.clone();
                    for (int d = 0; d < v.length; d++) v[d] += (float) (random.nextGaussian() * 0.02);
                    v = MiniLmEmbeddings.normalize(v);
                }
                batch.add(new IndexedChunk(
                        corpus.get(i).id() + "#" + copy,
                        KB,
                        corpus.get(i).id(),
                        corpus.get(i).text(),
                        v));
                if (batch.size() == 5000) {
                    index.add(batch);
                    batch = new ArrayList<>();
                }
            }
            index.add(batch);
            index.commit();
            System.out.printf(
                    Locale.ROOT,
                    "%nscale: %,d chunks indexed in %.1f s%n",
                    index.size(),
                    (System.nanoTime() - t0) / 1e9);

            List<String> sample = testQueries.subList(0, Math.min(300, testQueries.size()));
            List<float[]> queryVectors =
                    model.embedAll(sample.stream().map(queries::get).toList());
            List<String> firstTerms = sample.stream()
                    .map(q -> index.analyze(queries.get(q)))
                    .map(terms -> terms.isEmpty() ? "a" : terms.getFirst())
                    .toList();
            // warm-up
            for (int i = 0; i < 30; i++) {
                index.term(firstTerms.get(i % firstTerms.size()), 10);
                index.lexical(List.of(KB), queries.get(sample.get(i % sample.size())), 10);
                index.vector(List.of(KB), queryVectors.get(i % sample.size()), 10);
            }
            double[] term = new double[sample.size()];
            double[] bm25 = new double[sample.size()];
            double[] knn = new double[sample.size()];
            double[] fused = new double[sample.size()];
            for (int i = 0; i < sample.size(); i++) {
                String q = queries.get(sample.get(i));
                long t = System.nanoTime();
                index.term(firstTerms.get(i), 10);
                term[i] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                index.lexical(List.of(KB), q, 10);
                bm25[i] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                index.vector(List.of(KB), queryVectors.get(i), 10);
                knn[i] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                ReciprocalRankFusion.fuse(
                        index.lexical(List.of(KB), q, HybridSearch.MIN_CANDIDATES),
                        index.vector(List.of(KB), queryVectors.get(i), HybridSearch.MIN_CANDIDATES),
                        10);
                fused[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(term);
            Arrays.sort(bm25);
            Arrays.sort(knn);
            Arrays.sort(fused);
            double baseline = percentile(term, 95);
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %9s %9s %12s%n",
                    "search on " + index.size() + " chunks (k=10)",
                    "p50 ms",
                    "p95 ms",
                    "p95/baseline");
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %9.2f %9.2f %12s%n",
                    "baseline: one-term TermQuery",
                    percentile(term, 50),
                    baseline,
                    "1.0");
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %9.2f %9.2f %12.1f%n",
                    "BM25 (whole query, kb filter)",
                    percentile(bm25, 50),
                    percentile(bm25, 95),
                    percentile(bm25, 95) / baseline);
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %9.2f %9.2f %12.1f%n",
                    "kNN HNSW (kb filter)",
                    percentile(knn, 50),
                    percentile(knn, 95),
                    percentile(knn, 95) / baseline);
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %9.2f %9.2f %12.1f%n",
                    "hybrid: BM25 50 + kNN 50, RRF",
                    percentile(fused, 50),
                    percentile(fused, 95),
                    percentile(fused, 95) / baseline);
            System.out.println(
                    "(query embedding not included above; it is in the per-mode figures of the quality run)");
        }
        deleteRecursively(dir);
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null)
                peak += pool.getPeakUsage().getUsed();
        }
        return peak / (1024.0 * 1024.0);
    }

    private static void writeVectors(Path file, float[][] vectors) throws IOException {
        try (var out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            for (float[] v : vectors) {
                out.writeInt(v.length);
                for (float x : v) out.writeFloat(x);
            }
        }
    }

    private static float[][] readVectors(Path file, int count) throws IOException {
        float[][] vectors = new float[count][];
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            for (int i = 0; i < count; i++) {
                float[] v = new float[in.readInt()];
                for (int d = 0; d < v.length; d++) v[d] = in.readFloat();
                vectors[i] = v;
            }
        }
        return vectors;
    }

    private static void deleteRecursively(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
