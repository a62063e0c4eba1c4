package io.switchboard.calls;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What to call and what the AI should do.
 *
 * @param contactId the contact to call (its phone is used); or {@code phoneNumber}
 * @param phoneNumber E.164 or a number with its country prefix; needed when there is no contact
 * @param task instructions for the voice agent (a sales script's text fits here)
 * @param salesScriptId the sales script used as the task when {@code task} is blank
 * @param firstSentence what the agent says first
 * @param voice provider voice name (null = provider default)
 * @param language BCP-47 language tag, e.g. en-US (null = en-US)
 * @param maxDurationMinutes 1..60; clamped down when the credit balance covers less
 * @param transferNumber where the agent may transfer the call (E.164)
 * @param record whether to record the audio
 * @param metadata free string pairs kept with the call and sent to the provider
 * @param scheduledAt dial at this time instead of now
 * @param idempotencyKey the same key answers the same call instead of dialling again
 */
public record PlaceCallCommand(
        @Nullable UUID contactId,
        @Nullable String phoneNumber,
        @Nullable UUID agentId,
        @Nullable String task,
        @Nullable UUID salesScriptId,
        @Nullable String firstSentence,
        @Nullable String voice,
        @Nullable String language,
        @Nullable Integer maxDurationMinutes,
        @Nullable String transferNumber,
        boolean record,
        @Nullable Map<String, String> metadata,
        @Nullable Instant scheduledAt,
        @Nullable String idempotencyKey) {}
