package io.switchboard.identity;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Append-only record of security-relevant actions, with actor, organisation, IP and time. */
public interface AuditLog {

    /** Records an action by the current principal in its organisation. */
    void record(String action, @Nullable String targetType, @Nullable String targetId, Map<String, ?> details);

    /** Records an action outside a signed-in request (sign-in attempts, bootstrap). */
    void recordAs(
            @Nullable UUID orgId,
            Actor actor,
            String action,
            @Nullable String targetType,
            @Nullable String targetId,
            Map<String, ?> details);

    record Actor(String type, @Nullable UUID id, @Nullable String label) {
        public static Actor user(UUID id, String email) {
            return new Actor("user", id, email);
        }

        public static Actor anonymous(String label) {
            return new Actor("anonymous", null, label);
        }

        public static Actor system() {
            return new Actor("system", null, "system");
        }
    }
}
