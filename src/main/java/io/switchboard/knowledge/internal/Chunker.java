package io.switchboard.knowledge.internal;

import io.switchboard.knowledge.internal.ParsedDocument.Section;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parent/child chunking. A section (text under one heading) is split into parents of at most {@code
 * parentMaxTokens} at paragraph and sentence boundaries: the context an answer gets. Each parent is
 * split into children of at most {@code childMaxTokens} word pieces, heading included: what is
 * embedded and matched. A chunk never ends inside a sentence unless the sentence alone is over the
 * cap, so the embedding model never has to truncate.
 */
final class Chunker {

    /** Heading paths longer than this are cut, so the body of a child always has room. */
    private static final int MAX_HEADING_TOKENS = 32;

    private final TokenCounter tokens;
    private final int childMaxTokens;
    private final int parentMaxTokens;

    Chunker(TokenCounter tokens, int childMaxTokens, int parentMaxTokens) {
        if (childMaxTokens < MAX_HEADING_TOKENS + 16 || parentMaxTokens < childMaxTokens) {
            throw new IllegalArgumentException("child cap must be >= 48 and parent cap >= child cap");
        }
        this.tokens = tokens;
        this.childMaxTokens = childMaxTokens;
        this.parentMaxTokens = parentMaxTokens;
    }

    /** A parent section and its children, in document order. */
    record Parent(int ordinal, @Nullable String heading, String text, List<Child> children) {}

    /**
     * @param text the child's own text (shown as the matching passage)
     * @param embeddingText heading plus text: what the model embeds, at most the child cap
     * @param tokenCount word pieces of {@code embeddingText}, special tokens included
     */
    record Child(int ordinal, String text, String embeddingText, int tokenCount) {}

    private record Unit(String text, int tokens, boolean paragraphStart) {}

    List<Parent> chunk(ParsedDocument document) {
        List<Parent> parents = new ArrayList<>();
        int childOrdinal = 0;
        for (Section section : document.sections()) {
            String heading = section.heading() == null ? null : capHeading(section.heading());
            int headingTokens = heading == null ? 0 : body(heading + ":");
            int childBudget = childMaxTokens - 2 - headingTokens;
            int parentBudget = parentMaxTokens - 2;
            List<Unit> units = units(section, childBudget);
            List<Unit> parentUnits = new ArrayList<>();
            int parentTokens = 0;
            for (int i = 0; i <= units.size(); i++) {
                Unit unit = i < units.size() ? units.get(i) : null;
                if (unit == null || (!parentUnits.isEmpty() && parentTokens + unit.tokens() > parentBudget)) {
                    if (!parentUnits.isEmpty()) {
                        List<Child> children = children(parentUnits, heading, childBudget, childOrdinal);
                        childOrdinal += children.size();
                        parents.add(new Parent(parents.size(), heading, join(parentUnits), children));
                    }
                    parentUnits = new ArrayList<>();
                    parentTokens = 0;
                }
                if (unit != null) {
                    parentUnits.add(unit);
                    parentTokens += unit.tokens();
                }
            }
        }
        return parents;
    }

    private List<Child> children(List<Unit> units, @Nullable String heading, int budget, int firstOrdinal) {
        List<Child> children = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        int used = 0;
        for (int i = 0; i <= units.size(); i++) {
            Unit unit = i < units.size() ? units.get(i) : null;
            if (unit == null || (!current.isEmpty() && used + unit.tokens() > budget)) {
                if (!current.isEmpty()) {
                    String text = join(current);
                    String embedding = heading == null ? text : heading + ": " + text;
                    children.add(new Child(firstOrdinal + children.size(), text, embedding, tokens.count(embedding)));
                }
                current = new ArrayList<>();
                used = 0;
            }
            if (unit != null) {
                current.add(unit);
                used += unit.tokens();
            }
        }
        return children;
    }

    /** Sentences of the section, each within the child budget (long ones cut at word boundaries). */
    private List<Unit> units(Section section, int budget) {
        List<Unit> units = new ArrayList<>();
        for (String paragraph : section.paragraphs()) {
            boolean first = true;
            for (String sentence : sentences(paragraph)) {
                int count = body(sentence);
                if (count <= budget) {
                    units.add(new Unit(sentence, count, first));
                } else {
                    for (String piece : splitWords(sentence, budget)) {
                        units.add(new Unit(piece, body(piece), first));
                        first = false;
                    }
                }
                first = false;
            }
        }
        return units;
    }

    private List<String> splitWords(String sentence, int budget) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int used = 0;
        for (String word : sentence.split("\\s+")) {
            int count = body(word);
            while (count > budget) { // one "word" over the budget (a long URL or code): cut by characters
                int cut = Math.max(1, word.length() * budget / count / 2);
                pieces.add(word.substring(0, cut));
                word = word.substring(cut);
                count = body(word);
            }
            if (used + count > budget && !piece.isEmpty()) {
                pieces.add(piece.toString());
                piece.setLength(0);
                used = 0;
            }
            if (!piece.isEmpty()) piece.append(' ');
            piece.append(word);
            used += count;
        }
        if (!piece.isEmpty()) pieces.add(piece.toString());
        return pieces;
    }

    static List<String> sentences(String paragraph) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        iterator.setText(paragraph);
        List<String> sentences = new ArrayList<>();
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = paragraph.substring(start, end).strip();
            if (!sentence.isEmpty()) sentences.add(sentence);
        }
        return sentences;
    }

    private String capHeading(String heading) {
        String capped = heading;
        while (body(capped + ":") > MAX_HEADING_TOKENS) {
            capped = capped.substring(0, capped.length() * 3 / 4);
        }
        return capped;
    }

    /** Word pieces without [CLS] and [SEP]: counts of parts joined by spaces add up. */
    private int body(String text) {
        return Math.max(0, tokens.count(text) - 2);
    }

    private static String join(List<Unit> units) {
        StringBuilder text = new StringBuilder();
        for (Unit unit : units) {
            if (!text.isEmpty()) text.append(unit.paragraphStart() ? "\n" : " ");
            text.append(unit.text());
        }
        return text.toString();
    }
}
