package io.switchboard.identity;

import java.time.Instant;
import java.util.List;
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

    /**
     * What the organisation's log says about one object (a contact, for its GDPR export), oldest first.
     * Without the staff's IPs and user agents: those are not the subject's data.
     */
    List<Entry> about(UUID orgId, String targetType, String targetId);

    record Entry(long id, String action, String actorType, Map<String, Object> details, Instant occurredAt) {}

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
