package io.switchboard.knowledge.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A document reduced to what chunking needs: a title and its sections in reading order.
 *
 * @param sections never empty for a document with text
 */
record ParsedDocument(@Nullable String title, List<Section> sections) {

    /**
     * One part of a document under one heading.
     *
     * @param heading the heading path ("Returns › Refunds"), or a location such as "Page 3"; null
     *     for text before any heading
     * @param paragraphs the text, one paragraph per entry
     */
    record Section(@Nullable String heading, List<String> paragraphs) {}

    boolean isEmpty() {
        return sections.stream().allMatch(s -> s.paragraphs().stream().allMatch(String::isBlank));
    }
}
