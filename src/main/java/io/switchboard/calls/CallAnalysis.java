package io.switchboard.calls;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a call achieved.
 *
 * @param outcome interested, not-interested, callback, voicemail, no-answer or unknown
 * @param fields extracted values (email, callbackTime, budget, ...)
 * @param answers one answer per question asked, in order
 * @param source {@code llm}, {@code offline} or {@code bland}
 */
public record CallAnalysis(
        UUID callId, String summary, String outcome, Map<String, String> fields, List<String> answers, String source) {}
