package io.switchboard.llm.internal;

import io.switchboard.llm.ChatRequest.Passage;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in last link of every chain: no model, only the passages. It scores the sentences of the
 * best passages against the question (BM25 weights over the sentences, stopwords removed, light
 * stemming, plus a little of the passage's own retrieval score), takes the best one to three
 * consecutive sentences and cites their passage. Nothing matches well enough: no answer. Deterministic.
 */
final class OfflineResponder {

    static final int MAX_CHARS = 500;
    /** Share of the question's (idf-weighted) terms the chosen sentence must contain. */
    static final double MIN_COVERAGE = 0.45;

    private static final int TOP_PASSAGES = 3;

    private static final Pattern SENTENCE_END =
            Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(\\[])|\\n\\s*\\n|\\n\\s*[-*•]\\s+");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
    /** Sentences that talk to a model rather than inform a reader are never quoted back. */
    private static final Pattern INSTRUCTION_LIKE = Pattern.compile(
            "(?i)\\b(ignore|disregard|forget|override)\\b.{0,40}\\b(instruction|prompt|rule|guideline)s?\\b"
                    + "|\\byou are now\\b|\\bsystem prompt\\b|\\bdeveloper mode\\b|\\bjailbreak\\b"
                    + "|\\bact as (an? )?(unrestricted|unfiltered|different)\\b|\\bpretend (to be|you are)\\b");

    private static final Set<String> STOPWORDS = Set.of(
            "a",
            "about",
            "above",
            "after",
            "again",
            "all",
            "also",
            "am",
            "an",
            "and",
            "any",
            "are",
            "as",
            "at",
            "be",
            "because",
            "been",
            "before",
            "being",
            "below",
            "between",
            "both",
            "but",
            "by",
            "can",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "down",
            "during",
            "each",
            "few",
            "for",
            "from",
            "further",
            "had",
            "has",
            "have",
            "having",
            "he",
            "her",
            "here",
            "hers",
            "him",
            "his",
            "how",
            "i",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "itself",
            "just",
            "know",
            "let",
            "like",
            "me",
            "might",
            "more",
            "most",
            "must",
            "my",
            "need",
            "no",
            "nor",
            "not",
            "now",
            "of",
            "off",
            "on",
            "once",
            "only",
            "or",
            "other",
            "our",
            "ours",
            "out",
            "over",
            "own",
            "please",
            "same",
            "she",
            "should",
            "so",
            "some",
            "such",
            "tell",
            "than",
            "that",
            "the",
            "their",
            "them",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "through",
            "to",
            "too",
            "under",
            "until",
            "up",
            "us",
            "very",
            "want",
            "was",
            "we",
            "were",
            "what",
            "when",
            "where",
            "which",
            "while",
            "who",
            "whom",
            "why",
            "will",
            "with",
            "would",
            "you",
            "your",
            "yours",
            "get",
            "got",
            "there's",
            "what's",
            "s",
            "t",
            "don",
            "hi",
            "hello",
            "thanks",
            "thank",
            "long",
            "much",
            "many",
            "take",
            "make",
            "way",
            "possible",
            "able",
            "anyone",
            "something",
            "anything",
            "thing",
            "ok",
            "okay",
            "yes",
            "one",
            "ever",
            "still",
            "really",
            "go",
            "use");

    record Answer(String text, String passageId) {}

    private record Sentence(int passage, int index, String text, List<String> terms) {}

    private OfflineResponder() {}

    static Optional<Answer> answer(String question, List<Passage> passages) {
        Set<String> query = new LinkedHashSet<>(terms(question));
        if (query.isEmpty() || passages.isEmpty()) return Optional.empty();

        // the best passages by their own score, ties in the given order
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> -passages.get(i).score())
                .thenComparing(i -> i));
        List<Integer> top = order.subList(0, Math.min(TOP_PASSAGES, order.size()));
        double maxScore =
                top.stream().mapToDouble(i -> passages.get(i).score()).max().orElse(0);

        Map<Integer, List<Sentence>> sentencesByPassage = new HashMap<>();
        List<Sentence> all = new ArrayList<>();
        for (int p : top) {
            List<Sentence> list = new ArrayList<>();
            int index = 0;
            for (String raw : SENTENCE_END.split(passages.get(p).text())) {
                String text = raw.strip().replaceAll("\\s+", " ");
                if (text.isEmpty()) continue;
                list.add(new Sentence(p, index++, text, terms(text)));
            }
            sentencesByPassage.put(p, list);
            all.addAll(list);
        }
        if (all.isEmpty()) return Optional.empty();

        Map<String, Integer> df = new HashMap<>();
        double avgLength = 0;
        for (Sentence s : all) {
            new HashSet<>(s.terms()).forEach(t -> df.merge(t, 1, Integer::sum));
            avgLength += s.terms().size();
        }
        avgLength = Math.max(1, avgLength / all.size());
        Map<String, Double> idf = new HashMap<>();
        double totalIdf = 0;
        for (String q : query) {
            int n = df.getOrDefault(q, 0);
            double w = Math.log(1 + (all.size() - n + 0.5) / (n + 0.5));
            // a word no passage uses still counts against the answer, but less than one they use
            if (n == 0) w *= 0.6;
            idf.put(q, w);
            totalIdf += w;
        }

        Sentence best = null;
        double bestRank = -1;
        double bestCoverage = 0;
        for (Sentence s : all) {
            if (INSTRUCTION_LIKE.matcher(s.text()).find()) continue;
            double coverage = coverage(Set.copyOf(s.terms()), query, idf, totalIdf);
            if (coverage == 0) continue;
            double bm25 = bm25(s, query, idf, avgLength);
            double prior = maxScore > 0 ? Math.max(0, passages.get(s.passage()).score()) / maxScore : 0;
            double rank = coverage * 0.75 + Math.min(1, bm25 / Math.max(1e-9, totalIdf)) * 0.15 + prior * 0.10;
            if (rank > bestRank + 1e-12) {
                best = s;
                bestRank = rank;
                bestCoverage = coverage;
            }
        }
        if (best == null || bestCoverage < MIN_COVERAGE) return Optional.empty();

        List<Sentence> window = window(best, sentencesByPassage.get(best.passage()), query, idf, totalIdf);
        String text = trim(window.stream()
                .map(Sentence::text)
                .reduce((a, b) -> a + " " + b)
                .orElse(best.text()));
        return Optional.of(new Answer(
                text + " [" + (best.passage() + 1) + "]",
                passages.get(best.passage()).id()));
    }

    /** Grows the best sentence by neighbours that add question terms, or context when it is very short. */
    private static List<Sentence> window(
            Sentence best, List<Sentence> sentences, Set<String> query, Map<String, Double> idf, double totalIdf) {
        int from = best.index();
        int to = best.index();
        Set<String> covered = new HashSet<>(best.terms());
        while (to - from < 2) {
            boolean grown = false;
            for (int candidate : new int[] {to + 1, from - 1}) {
                if (candidate < 0 || candidate >= sentences.size()) continue;
                Sentence s = sentences.get(candidate);
                if (INSTRUCTION_LIKE.matcher(s.text()).find()) continue;
                int length = length(sentences, Math.min(from, candidate), Math.max(to, candidate));
                if (length > MAX_CHARS) continue;
                Set<String> union = new HashSet<>(covered);
                union.addAll(s.terms());
                boolean addsTerms = coverage(union, query, idf, totalIdf) > coverage(covered, query, idf, totalIdf);
                boolean tooShort = length(sentences, from, to) < 80 && candidate == to + 1;
                if (addsTerms || tooShort) {
                    from = Math.min(from, candidate);
                    to = Math.max(to, candidate);
                    covered = union;
                    grown = true;
                    break;
                }
            }
            if (!grown) break;
        }
        return sentences.subList(from, to + 1);
    }

    private static int length(List<Sentence> sentences, int from, int to) {
        int n = 0;
        for (int i = from; i <= to; i++) n += sentences.get(i).text().length() + 1;
        return n;
    }

    private static double coverage(Set<String> terms, Set<String> query, Map<String, Double> idf, double totalIdf) {
        if (totalIdf <= 0) return 0;
        double matched = 0;
        for (String q : query) if (terms.contains(q)) matched += idf.get(q);
        return matched / totalIdf;
    }

    private static double bm25(Sentence s, Set<String> query, Map<String, Double> idf, double avgLength) {
        double k1 = 1.2;
        double b = 0.75;
        Map<String, Integer> tf = new HashMap<>();
        s.terms().forEach(t -> tf.merge(t, 1, Integer::sum));
        double score = 0;
        for (String q : query) {
            int f = tf.getOrDefault(q, 0);
            if (f == 0) continue;
            score += idf.get(q)
                    * (f * (k1 + 1))
                    / (f + k1 * (1 - b + b * s.terms().size() / avgLength));
        }
        return score;
    }

    /** Whole sentences when they fit; one long sentence is cut at a word boundary. */
    private static String trim(String text) {
        if (text.length() <= MAX_CHARS) return text;
        int cut = text.lastIndexOf(' ', MAX_CHARS - 1);
        return text.substring(0, cut > 0 ? cut : MAX_CHARS - 1).stripTrailing() + "…";
    }

    static List<String> terms(String text) {
        String normalised = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        var matcher = TOKEN.matcher(normalised);
        List<String> result = new ArrayList<>();
        while (matcher.find()) {
            String token = matcher.group();
            if (STOPWORDS.contains(token) || (token.length() < 2 && !Character.isDigit(token.charAt(0)))) continue;
            result.add(stem(token));
        }
        return result;
    }

    /** Just enough stemming for questions to meet documents: hours/hour, opening/open, shipped/ships/ship. */
    static String stem(String word) {
        String w = word;
        if (w.length() > 4 && w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
        if (w.length() > 5 && w.endsWith("ing")) return undouble(w.substring(0, w.length() - 3));
        if (w.length() > 4 && w.endsWith("ed")) return undouble(w.substring(0, w.length() - 2));
        if (w.length() > 4 && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("sses") || w.endsWith("xes"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static String undouble(String w) {
        int n = w.length();
        if (n >= 3
                && w.charAt(n - 1) == w.charAt(n - 2)
                && "lsz".indexOf(w.charAt(n - 1)) < 0
                && !Character.isDigit(w.charAt(n - 1))) {
            return w.substring(0, n - 1);
        }
        return w;
    }
}
