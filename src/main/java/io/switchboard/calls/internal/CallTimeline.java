package io.switchboard.calls.internal;

import static io.switchboard.calls.internal.CallTables.Calls;
import static io.switchboard.calls.internal.CallTables.Turns;

import io.switchboard.contacts.TimelineSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * A contact's calls on the contact's timeline, next to their messages: status, outcome, duration,
 * summary and the transcript ("speaker: text" per line, in one query for the page).
 */
@Component
class CallTimeline implements TimelineSource {

    private final DSLContext db;

    CallTimeline(DSLContext db) {
        this.db = db;
    }

    @Override
    public List<TimelineEntry> entries(UUID orgId, UUID contactId, Instant before, int limit) {
        var transcript = DSL.field(DSL.select(
                        DSL.stringAgg(DSL.concat(Turns.SPEAKER, DSL.inline(": "), Turns.TEXT), DSL.inline("\n"))
                                .orderBy(Turns.IDX))
                .from(Turns.T)
                .where(Turns.ORG_ID.eq(orgId), Turns.CALL_ID.eq(Calls.ID)));
        return db.select(
                        Calls.ID,
                        Calls.CREATED_AT,
                        Calls.STATUS,
                        Calls.OUTCOME,
                        Calls.SUMMARY,
                        Calls.DURATION_SECONDS,
                        Calls.PHONE_NUMBER,
                        transcript)
                .from(Calls.T)
                .where(Calls.ORG_ID.eq(orgId), Calls.CONTACT_ID.eq(contactId), Calls.CREATED_AT.lt(before))
                .orderBy(Calls.CREATED_AT.desc(), Calls.ID.desc())
                .limit(limit)
                .fetch(r -> {
                    var details = new LinkedHashMap<String, String>();
                    details.put("status", r.get(Calls.STATUS));
                    put(details, "outcome", r.get(Calls.OUTCOME));
                    put(details, "durationSeconds", r.get(Calls.DURATION_SECONDS));
                    put(details, "phoneNumber", r.get(Calls.PHONE_NUMBER));
                    put(details, "transcript", r.get(transcript));
                    String summary = r.get(Calls.SUMMARY);
                    return new TimelineEntry(
                            r.get(Calls.CREATED_AT),
                            "call",
                            r.get(Calls.ID),
                            null,
                            "outbound",
                            summary == null || summary.isBlank() ? "Call " + r.get(Calls.STATUS) : summary,
                            Map.copyOf(details));
                });
    }

    private static void put(Map<String, String> details, String key, Object value) {
        if (value != null) details.put(key, value.toString());
    }
}
