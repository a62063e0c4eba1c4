package io.switchboard.calls.internal;

import static io.switchboard.calls.internal.CallTables.Calls;
import static io.switchboard.calls.internal.CallTables.ScriptVersions;
import static io.switchboard.calls.internal.CallTables.Scripts;
import static io.switchboard.calls.internal.CallTables.Turns;

import io.switchboard.contacts.ContactExport;
import io.switchboard.contacts.PersonalDataHolder;
import io.switchboard.shared.db.AfterCommit;
import io.switchboard.storage.BlobStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What calls keep about a contact: their calls (number, task, summary, extracted fields), transcripts,
 * recordings and sales scripts. Erasure removes all of that but keeps each call's money facts (status,
 * duration, cost, hold), which the credit statement refers to, with the number replaced.
 */
@Component
class CallPersonalData implements PersonalDataHolder {

    private static final Logger log = LoggerFactory.getLogger(CallPersonalData.class);
    static final String ERASED = "erased";

    private final DSLContext db;
    private final BlobStore blobs;

    CallPersonalData(DSLContext db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
    }

    @Override
    public String name() {
        return "calls";
    }

    @Override
    public void export(UUID orgId, UUID contactId, ContactExport out) {
        var calls = db.select(Calls.ALL)
                .from(Calls.T)
                .where(Calls.ORG_ID.eq(orgId), Calls.CONTACT_ID.eq(contactId))
                .orderBy(Calls.CREATED_AT)
                .fetch();
        for (var call : calls) {
            UUID id = call.get(Calls.ID);
            var doc = new LinkedHashMap<String, Object>();
            doc.put("id", id);
            doc.put("createdAt", call.get(Calls.CREATED_AT));
            doc.put("phoneNumber", call.get(Calls.PHONE_NUMBER));
            doc.put("status", call.get(Calls.STATUS));
            doc.put("provider", call.get(Calls.PROVIDER));
            doc.put("task", call.get(Calls.TASK));
            doc.put("firstSentence", call.get(Calls.FIRST_SENTENCE));
            doc.put("durationSeconds", call.get(Calls.DURATION_SECONDS));
            doc.put("costMinor", call.get(Calls.COST_MINOR));
            doc.put("currency", call.get(Calls.CURRENCY));
            doc.put("summary", call.get(Calls.SUMMARY));
            doc.put("outcome", call.get(Calls.OUTCOME));
            JSONB fields = call.get(Calls.FIELDS);
            doc.put("fields", fields == null ? null : fields.data());
            doc.put(
                    "transcript",
                    db.select(Turns.SPEAKER, Turns.TEXT, Turns.AT_SECONDS)
                            .from(Turns.T)
                            .where(Turns.CALL_ID.eq(id))
                            .orderBy(Turns.IDX)
                            .fetch(t -> Map.of("speaker", t.value1(), "text", t.value2(), "atSeconds", t.value3())));
            out.json("call-" + id + ".json", doc);
            String recording = call.get(Calls.RECORDING_KEY);
            if (recording != null) {
                blobs.open(orgId, recording).ifPresent(opened -> {
                    try (opened) {
                        out.file("call-" + id + "-recording.wav", opened.content());
                    }
                });
            }
        }
        var scripts = db.select(Scripts.ID, Scripts.PRODUCT, Scripts.GOAL, Scripts.TONE, Scripts.CREATED_AT)
                .from(Scripts.T)
                .where(Scripts.ORG_ID.eq(orgId), Scripts.CONTACT_ID.eq(contactId))
                .orderBy(Scripts.CREATED_AT)
                .fetch();
        for (var script : scripts) {
            var doc = new LinkedHashMap<String, Object>();
            doc.put("id", script.value1());
            doc.put("product", script.value2());
            doc.put("goal", script.value3());
            doc.put("tone", script.value4());
            doc.put("createdAt", script.value5());
            doc.put(
                    "versions",
                    db.select(ScriptVersions.VERSION, ScriptVersions.TEXT, ScriptVersions.CREATED_AT)
                            .from(ScriptVersions.T)
                            .where(ScriptVersions.SCRIPT_ID.eq(script.value1()))
                            .orderBy(ScriptVersions.VERSION)
                            .fetch(v -> Map.of("version", v.value1(), "text", v.value2(), "createdAt", v.value3())));
            out.json("sales-script-" + script.value1() + ".json", doc);
        }
    }

    @Override
    public Map<String, Long> erase(UUID orgId, UUID contactId) {
        List<UUID> callIds = db.select(Calls.ID)
                .from(Calls.T)
                .where(Calls.ORG_ID.eq(orgId), Calls.CONTACT_ID.eq(contactId))
                .fetch(Calls.ID);
        List<String> recordings = db.select(Calls.RECORDING_KEY)
                .from(Calls.T)
                .where(Calls.ID.in(callIds), Calls.RECORDING_KEY.isNotNull())
                .fetch(Calls.RECORDING_KEY);
        long turns = db.deleteFrom(Turns.T).where(Turns.CALL_ID.in(callIds)).execute();
        long calls = db.update(Calls.T)
                .set(Calls.CONTACT_ID, (UUID) null)
                .set(Calls.PHONE_NUMBER, ERASED)
                .set(Calls.TASK, ERASED)
                .setNull(Calls.FIRST_SENTENCE)
                .setNull(Calls.TRANSFER_NUMBER)
                .setNull(Calls.SUMMARY)
                .set(Calls.FIELDS, JSONB.valueOf("{}"))
                .set(Calls.METADATA, JSONB.valueOf("{}"))
                .setNull(Calls.RECORDING_KEY)
                .setNull(Calls.PROVIDER_RECORDING_URL)
                .where(Calls.ID.in(callIds))
                .execute();
        long scripts = db.deleteFrom(Scripts.T)
                .where(Scripts.ORG_ID.eq(orgId), Scripts.CONTACT_ID.eq(contactId))
                .execute();
        AfterCommit.run(() -> recordings.forEach(key -> {
            try {
                blobs.delete(orgId, key);
            } catch (RuntimeException e) {
                log.warn("Recording {} of an erased contact not deleted: {}", key, e.toString());
            }
        }));
        var counts = new LinkedHashMap<String, Long>();
        counts.put("calls", calls);
        counts.put("transcriptTurns", turns);
        counts.put("recordings", (long) recordings.size());
        counts.put("salesScripts", scripts);
        return counts;
    }
}
