package io.switchboard.billing;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a plan limits. Metered limits count consumption per period (AI replies per plan period, call
 * minutes per UTC day); level limits compare the current level, which the owning module reports
 * through a {@link QuotaGauge}, plus the requested amount.
 */
public enum Limit {
    AI_REPLIES(true),
    CALL_MINUTES_PER_DAY(true),
    ACTIVE_CHANNELS(false),
    AGENTS(false),
    KNOWLEDGE_BASE_BYTES(false),
    SEATS(false),
    CONCURRENT_CALLS(false);

    private final boolean metered;

    Limit(boolean metered) {
        this.metered = metered;
    }

    public boolean metered() {
        return metered;
    }

    /** camelCase name used in the API: aiReplies, activeChannels, ... */
    @JsonValue
    public String json() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_");
        var sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }
}
