package io.switchboard.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Intent recognition on a small labelled set (src/test/resources/intents): trained on train.csv,
 * measured on held-out phrases it never saw, with the same offline embedding model the server uses.
 */
class IntentClassifierUnitTests {

    private static AllMiniLmL6V2QuantizedEmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    private static List<float[]> embedAll(List<String> texts) {
        var segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream()
                .map(e -> IntentClassifier.normalise(e.vector()))
                .toList();
    }

    private static List<String[]> rows(String resource) throws IOException {
        try (InputStream in = IntentClassifierUnitTests.class.getResourceAsStream(resource)) {
            List<String[]> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                int comma = lines[i].indexOf(',');
                rows.add(new String[] {
                    lines[i].substring(0, comma), lines[i].substring(comma + 1).trim()
                });
            }
            return rows;
        }
    }

    @Test
    void recognisesAtLeastNinetyPercentOfHeldOutPhrases() throws IOException {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        for (String[] row : rows("/intents/train.csv")) {
            examples.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        var intents = examples.entrySet().stream()
                .map(e -> new AgentSettings.Intent(e.getKey(), e.getValue(), null, null))
                .toList();
        var classifier = IntentClassifier.train(intents, IntentClassifierUnitTests::embedAll);

        var heldOut = rows("/intents/heldout.csv");
        var vectors = embedAll(heldOut.stream().map(r -> r[1]).toList());
        int correct = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < heldOut.size(); i++) {
            var prediction = classifier.classify(vectors.get(i), 0.0);
            if (heldOut.get(i)[0].equals(prediction.intent())) correct++;
            else misses.add(heldOut.get(i)[1] + " -> " + prediction.intent() + " (expected " + heldOut.get(i)[0] + ")");
        }
        double accuracy = (double) correct / heldOut.size();
        System.out.printf(
                Locale.ROOT,
                "Intent accuracy on held-out phrases: %.1f%% (%d/%d)%n",
                accuracy * 100,
                correct,
                heldOut.size());
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void unrelatedMessagesStayBelowTheDefaultThreshold() {
        var intents = List.of(
                new AgentSettings.Intent(
                        "refund", List.of("I want my money back", "How do I get a refund?"), null, null),
                new AgentSettings.Intent("greeting", List.of("Hello", "Hi there"), null, null));
        var classifier = IntentClassifier.train(intents, IntentClassifierUnitTests::embedAll);
        var threshold = new AgentSettings.Understanding(null, null, null).threshold();

        var unrelated = classifier.classify(
                embedAll(List.of("The quantum chromodynamics lecture was long")).getFirst(), threshold);
        assertThat(unrelated.intent()).isNull();
        var refund = classifier.classify(
                embedAll(List.of("can I have a refund please")).getFirst(), threshold);
        assertThat(refund.intent()).isEqualTo("refund");
        assertThat(refund.ranking().getFirst().score())
                .isGreaterThan(refund.ranking().get(1).score());
    }
}
