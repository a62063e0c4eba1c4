package io.switchboard.calls.internal;

import io.switchboard.calls.CallStatus;
import io.switchboard.calls.CallView;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One row of {@code calls}. */
record CallRow(
        UUID id,
        UUID orgId,
        @Nullable UUID contactId,
        @Nullable UUID agentId,
        @Nullable UUID salesScriptId,
        String phoneNumber,
        CallStatus status,
        String provider,
        @Nullable String providerCallId,
        String task,
        @Nullable String firstSentence,
        @Nullable String voice,
        String language,
        int maxDurationMinutes,
        int requestedDurationMinutes,
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
        long ratePerMinuteMinor,
        @Nullable UUID holdId,
        @Nullable Long holdMinor,
        @Nullable Long costMinor,
        String currency,
        @Nullable String summary,
        @Nullable String outcome,
        Map<String, String> fields,
        @Nullable String recordingKey,
        @Nullable String providerRecordingUrl,
        @Nullable Instant finalizedAt,
        String idempotencyKey,
        Instant createdAt,
        Instant updatedAt) {

    CallView toView() {
        return new CallView(
                id,
                contactId,
                agentId,
                phoneNumber,
                status,
                provider,
                providerCallId,
                task,
                firstSentence,
                voice,
                language,
                maxDurationMinutes,
                transferNumber,
                record,
                metadata,
                scheduledAt,
                startedAt,
                answeredAt,
                endedAt,
                durationSeconds,
                answeredBy,
                endedReason,
                holdMinor,
                costMinor,
                currency,
                summary,
                outcome,
                recordingKey != null || providerRecordingUrl != null,
                createdAt,
                updatedAt);
    }
}
