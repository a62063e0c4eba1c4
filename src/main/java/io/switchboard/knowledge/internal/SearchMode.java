package io.switchboard.knowledge.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which retrieval path answers: BM25 alone, vectors alone, or both fused with RRF. */
enum SearchMode {
    HYBRID,
    BM25,
    DENSE;

    @JsonValue
    String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
