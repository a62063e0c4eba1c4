package io.switchboard.calls;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** queued → ringing → in-progress → completed / failed / no-answer / busy / cancelled. */
public enum CallStatus {
    QUEUED,
    RINGING,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    NO_ANSWER,
    BUSY,
    CANCELLED;

    public boolean terminal() {
        return switch (this) {
            case QUEUED, RINGING, IN_PROGRESS -> false;
            case COMPLETED, FAILED, NO_ANSWER, BUSY, CANCELLED -> true;
        };
    }

    /** in-progress, no-answer, ... */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static CallStatus fromJson(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
