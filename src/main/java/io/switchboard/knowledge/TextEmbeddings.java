package io.switchboard.knowledge;

import java.util.List;

/** The embedding model of the knowledge index (in-process all-MiniLM-L6-v2 unless a provider is set). */
public interface TextEmbeddings {

    int dimensions();

    /** Unit-length vectors, one per text, in order. */
    List<float[]> embedAll(List<String> texts);

    default float[] embed(String text) {
        return embedAll(List.of(text)).getFirst();
    }
}
