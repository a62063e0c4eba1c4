package io.switchboard.agents.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The reasons an agent hands a conversation to people; each answers a reason for the note and the trace. */
final class HandoffRules {

    private HandoffRules() {}

    /** Before answering: keywords, an explicit request for a person (phrase or intent), an intent marked handoff. */
    static Optional<String> beforeAnswer(AgentSettings settings, String text, @Nullable String intent) {
        var handoff = settings.handoff();
        String lower = normalise(text);
        for (String keyword : handoff.keywordList()) {
            String k = normalise(keyword);
            if (!k.isEmpty()
                    && Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(k) + "(?![\\p{L}\\d])")
                            .matcher(lower)
                            .find()) {
                return Optional.of("keyword \"" + keyword.trim() + "\"");
            }
        }
        for (String phrase : handoff.phrases()) {
            String p = normalise(phrase);
            if (!p.isEmpty() && lower.contains(p)) return Optional.of("asked for a person (\"" + phrase.trim() + "\")");
        }
        if (intent != null) {
            if (intent.equals(handoff.humanRequestIntent()))
                return Optional.of("asked for a person (intent " + intent + ")");
            for (var defined : settings.intents()) {
                if (defined.name().equals(intent) && defined.handsOff()) return Optional.of("intent " + intent);
            }
        }
        return Optional.empty();
    }

    /** After retrieval: the best passage is too far from the question to trust an answer. */
    static Optional<String> lowConfidence(AgentSettings settings, double retrievalConfidence, boolean intentAnswered) {
        double threshold = settings.handoff().lowConfidence();
        if (threshold > 0 && !intentAnswered && retrievalConfidence < threshold) {
            return Optional.of(
                    String.format(Locale.ROOT, "low confidence (%.2f < %.2f)", retrievalConfidence, threshold));
        }
        return Optional.empty();
    }

    /** After an answer failed: N in a row hands off. */
    static Optional<String> afterFailure(AgentSettings settings, int failedInRowIncludingThis) {
        int max = settings.handoff().failedAnswers();
        if (max > 0 && failedInRowIncludingThis >= max) {
            return Optional.of(failedInRowIncludingThis + " unanswered messages in a row");
        }
        return Optional.empty();
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("\\s+", " ")
                .trim();
    }
}
