package io.switchboard.calls;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A call reached a final status and was analysed (summary, outcome, transcript stored). Published once
 * per call, in the transaction that settled its credits.
 */
public record CallCompleted(
        UUID orgId,
        UUID callId,
        @Nullable UUID contactId,
        String phoneNumber,
        CallStatus status,
        @Nullable Integer durationSeconds,
        long costMinor,
        @Nullable String outcome,
        @Nullable String summary,
        String transcriptText,
        Instant endedAt) {}
