package io.switchboard.knowledge.internal;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.switchboard.knowledge.TextEmbeddings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The in-process all-MiniLM-L6-v2 (quantized) model, loaded once on first use and shared. Every
 * input is cut to {@link #MAX_TOKENS} word pieces first (the model was trained on 256; longer input
 * would be split and averaged by LangChain4j, which blurs the vector), and vectors come back unit
 * length so dot product equals cosine.
 */
@Component
class MiniLmEmbeddings implements TextEmbeddings, TokenCounter {

    /** all-MiniLM-L6-v2's max_seq_length, special tokens included. */
    static final int MAX_TOKENS = 256;

    static final int DIMENSIONS = 384;
    private static final int BATCH = 32;

    private volatile @Nullable AllMiniLmL6V2QuantizedEmbeddingModel model;
    private volatile @Nullable HuggingFaceTokenizer tokenizer;

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                    .map(text -> TextSegment.from(truncate(text.isBlank() ? "-" : text, MAX_TOKENS)))
                    .toList();
            for (Embedding embedding : model().embedAll(batch).content()) {
                vectors.add(normalize(embedding.vector()));
            }
        }
        return vectors;
    }

    /** Word pieces of the text as the model sees them, [CLS] and [SEP] included. */
    @Override
    public int count(String text) {
        return encode(text).getIds().length;
    }

    /** The longest prefix of the text that fits in {@code maxTokens} word pieces (special tokens included). */
    String truncate(String text, int maxTokens) {
        Encoding encoding = encode(text);
        if (encoding.getIds().length <= maxTokens) {
            return text;
        }
        CharSpan[] spans = encoding.getCharTokenSpans();
        // the last kept token is maxTokens - 2 (index 0 is [CLS], and [SEP] must still fit)
        CharSpan last = spans[maxTokens - 2];
        return last == null
                ? text.substring(0, Math.min(text.length(), maxTokens * 4))
                : text.substring(0, last.getEnd());
    }

    private Encoding encode(String text) {
        return tokenizer().encode(text, true, false);
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel model() {
        var loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    model = loaded;
                }
            }
        }
        return loaded;
    }

    private HuggingFaceTokenizer tokenizer() {
        var loaded = tokenizer;
        if (loaded == null) {
            synchronized (this) {
                loaded = tokenizer;
                if (loaded == null) {
                    try (InputStream json = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(
                            "/all-minilm-l6-v2-q-tokenizer.json")) {
                        if (json == null) {
                            throw new IllegalStateException("tokenizer of all-MiniLM-L6-v2 not on the classpath");
                        }
                        loaded = HuggingFaceTokenizer.newInstance(
                                json, Map.of("padding", "false", "truncation", "false", "modelMaxLength", "1000000"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    tokenizer = loaded;
                }
            }
        }
        return loaded;
    }

    static float[] normalize(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0) {
            return vector;
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }
}
