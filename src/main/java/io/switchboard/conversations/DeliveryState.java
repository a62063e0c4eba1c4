package io.switchboard.conversations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a message is on its way. Outbound states only move forward (a late "sent" after "read" is ignored). */
public enum DeliveryState {
    RECEIVED(0),
    QUEUED(1),
    SENT(2),
    DELIVERED(3),
    READ(4),
    FAILED(5);

    private final int rank;

    DeliveryState(int rank) {
        this.rank = rank;
    }

    /** Whether moving from this state to {@code next} is progress. Failure can follow sent, not read. */
    public boolean canMoveTo(DeliveryState next) {
        if (next == FAILED) {
            return this == QUEUED || this == SENT;
        }
        return this != FAILED && next.rank > rank;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
