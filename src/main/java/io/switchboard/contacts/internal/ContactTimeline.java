package io.switchboard.contacts.internal;

import io.switchboard.contacts.TimelineSource;
import io.switchboard.shared.TenantContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Merges every module's {@link TimelineSource} into one newest-first history of a contact. */
@Service
class ContactTimeline {

    static final int MAX_LIMIT = 100;

    /** One page; {@code nextBefore} is the cursor of the next (older) page, null at the end. */
    record TimelinePage(
            List<TimelineSource.TimelineEntry> entries,
            @Nullable Instant nextBefore) {}

    private final ContactService contacts;
    private final List<TimelineSource> sources;

    ContactTimeline(ContactService contacts, List<TimelineSource> sources) {
        this.contacts = contacts;
        this.sources = sources;
    }

    @Transactional(readOnly = true)
    TimelinePage page(UUID contactId, @Nullable Instant before, int limit) {
        contacts.get(contactId); // another organisation's contact is a 404
        UUID orgId = TenantContext.requireOrgId();
        Instant cursor = before == null ? Instant.now().plusSeconds(1) : before;
        // each source gives its newest `limit` before the cursor; the merged newest `limit` are exact
        List<TimelineSource.TimelineEntry> merged = new ArrayList<>();
        for (TimelineSource source : sources) merged.addAll(source.entries(orgId, contactId, cursor, limit));
        merged.sort(Comparator.comparing(TimelineSource.TimelineEntry::at)
                .reversed()
                .thenComparing(e -> e.id().toString()));
        List<TimelineSource.TimelineEntry> page = merged.size() > limit ? merged.subList(0, limit) : merged;
        Instant next = merged.size() > limit ? page.getLast().at() : null;
        return new TimelinePage(List.copyOf(page), next);
    }
}
