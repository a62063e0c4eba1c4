package io.switchboard.llm;

import java.util.UUID;

/** A provider call consumed tokens (published for billing; the offline responder costs nothing and is not reported). */
public record LlmUsageRecorded(
        UUID orgId,
        UUID providerId,
        String model,
        int inputTokens,
        int outputTokens,
        long costMicros,
        String purpose) {}
