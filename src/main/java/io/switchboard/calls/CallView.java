package io.switchboard.calls;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A call as the API shows it.
 *
 * @param provider {@code bland} or {@code simulator}
 * @param answeredBy human, voicemail or unknown (when the provider says)
 * @param costMinor what the call cost once settled (minor units of {@code currency})
 * @param outcome interested, not-interested, callback, voicemail, no-answer, unknown (after the call)
 */
public record CallView(
        UUID id,
        @Nullable UUID contactId,
        @Nullable UUID agentId,
        String phoneNumber,
        CallStatus status,
        String provider,
        @Nullable String providerCallId,
        String task,
        @Nullable String firstSentence,
        @Nullable String voice,
        String language,
        int maxDurationMinutes,
        @Nullable String transferNumber,
        boolean record,
        Map<String, String> metadata,
        @Nullable Instant scheduledAt,
        @Nullable Instant startedAt,
        @Nullable Instant answeredAt,
        @Nullable Instant endedAt,
        @Nullable Integer durationSeconds,
        @Nullable String answeredBy,
        @Nullable String endedReason,
        @Nullable Long holdMinor,
        @Nullable Long costMinor,
        String currency,
        @Nullable String summary,
        @Nullable String outcome,
        boolean recordingAvailable,
        Instant createdAt,
        Instant updatedAt) {}
