package io.switchboard.billing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Credits set aside for work in progress. */
public record Hold(
        UUID id,
        UUID orgId,
        long amountMinor,
        @Nullable Long settledMinor,
        Status status,
        String reason,
        Instant expiresAt,
        Instant createdAt) {

    public enum Status {
        ACTIVE,
        SETTLED,
        VOIDED,
        EXPIRED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
