package io.switchboard.agents.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Recognises an agent's intents from their example phrases with sentence embeddings: each intent
 * scores the mean of its centroid similarity and its best-k example similarities (a nearest-centroid
 * / kNN blend, robust to one odd example); the best intent wins when it clears the threshold.
 * Built once per agent version (embedding the examples), then each message costs one embedding.
 */
final class IntentClassifier {

    private static final int K = 3;

    private final List<Trained> intents;

    private record Trained(String name, float[] centroid, List<float[]> examples) {}

    /** @param score 0..1 (cosine similarity blend), comparable across intents */
    record Scored(String intent, double score) {}

    record Prediction(@Nullable String intent, double confidence, List<Scored> ranking) {}

    private IntentClassifier(List<Trained> intents) {
        this.intents = intents;
    }

    /**
     * @param embedAll unit-length vectors for texts, in order (TextEmbeddings::embedAll)
     */
    static IntentClassifier train(List<AgentSettings.Intent> intents, Function<List<String>, List<float[]>> embedAll) {
        List<String> all = new ArrayList<>();
        for (var intent : intents) all.addAll(intent.examples());
        List<float[]> vectors = all.isEmpty() ? List.of() : embedAll.apply(all);
        List<Trained> trained = new ArrayList<>();
        int i = 0;
        for (var intent : intents) {
            List<float[]> examples =
                    new ArrayList<>(vectors.subList(i, i + intent.examples().size()));
            i += intent.examples().size();
            if (examples.isEmpty()) continue;
            trained.add(new Trained(intent.name(), normalise(mean(examples)), examples));
        }
        return new IntentClassifier(trained);
    }

    boolean isEmpty() {
        return intents.isEmpty();
    }

    Prediction classify(float[] message, double threshold) {
        List<Scored> ranking = new ArrayList<>();
        for (Trained intent : intents) {
            double centroid = dot(message, intent.centroid());
            List<Double> sims = new ArrayList<>();
            for (float[] example : intent.examples()) sims.add(dot(message, example));
            sims.sort(Comparator.reverseOrder());
            int k = Math.min(K, sims.size());
            double topK = sims.subList(0, k).stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(0);
            double score = (centroid + topK) / 2;
            ranking.add(new Scored(intent.name(), Math.max(0, Math.min(1, score))));
        }
        ranking.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::intent));
        if (ranking.isEmpty()) return new Prediction(null, 0, List.of());
        Scored best = ranking.getFirst();
        return new Prediction(best.score() >= threshold ? best.intent() : null, best.score(), List.copyOf(ranking));
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) sum += a[i] * b[i];
        return sum;
    }

    private static float[] mean(List<float[]> vectors) {
        float[] sum = new float[vectors.getFirst().length];
        for (float[] v : vectors) for (int i = 0; i < sum.length; i++) sum[i] += v[i];
        for (int i = 0; i < sum.length; i++) sum[i] /= vectors.size();
        return sum;
    }

    static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) norm += x * x;
        norm = Math.sqrt(norm);
        if (norm == 0) return v;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
        return out;
    }
}
