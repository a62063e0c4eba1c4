package io.switchboard.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A module that holds a contact's history (messages, calls, ...) implements this so the contact's one
 * timeline ({@code GET /api/v1/contacts/{id}/timeline}) shows it next to the others. Found as Spring
 * beans, like {@link PersonalDataHolder}: implementers depend on contacts, never the other way round.
 */
public interface TimelineSource {

    /**
     * Up to {@code limit} entries of the contact that happened strictly before {@code before}, newest
     * first. Runs in the organisation's scope inside a read-only transaction.
     */
    List<TimelineEntry> entries(UUID orgId, UUID contactId, Instant before, int limit);

    /**
     * One thing that happened with the contact.
     *
     * @param kind {@code message} or {@code call} (more as modules add them)
     * @param id the message's or call's id
     * @param direction {@code inbound}/{@code outbound} for messages, {@code outbound} for calls
     * @param text what was said: the message text, or the call's summary
     * @param details kind-specific facts (sender, status, outcome, duration, transcript)
     */
    record TimelineEntry(
            Instant at,
            String kind,
            UUID id,
            @Nullable UUID conversationId,
            @Nullable String direction,
            String text,
            Map<String, String> details) {}
}
