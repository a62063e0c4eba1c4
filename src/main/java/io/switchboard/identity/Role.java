package io.switchboard.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A member's role inside one organisation, from most to least powerful. */
public enum Role {
    OWNER,
    ADMIN,
    /** A human operator: answers conversations, cannot manage the organisation. */
    AGENT,
    VIEWER;

    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return json();
    }
}
