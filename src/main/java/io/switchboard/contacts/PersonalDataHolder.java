package io.switchboard.contacts;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A module keeping personal data about contacts (messages, files, search entries, transcripts,
 * billing rows) implements this so a contact's GDPR export and erasure reach it. The contacts module
 * finds every implementation as a Spring bean; it never needs to know the module (no dependency
 * cycle: implementers depend on contacts, not the other way round). Example, a calls module:
 *
 * <pre>{@code
 * @Component
 * class CallsPersonalData implements PersonalDataHolder {
 *     public String name() { return "calls"; }
 *     public void export(UUID orgId, UUID contactId, ContactExport out) { out.json("calls.json", calls(orgId, contactId)); }
 *     public Map<String, Long> erase(UUID orgId, UUID contactId) { return Map.of("transcripts", deleteTranscripts(orgId, contactId)); }
 * }
 * }</pre>
 */
public interface PersonalDataHolder {

    /** Short lower-case name: the folder of this part in an export, the prefix of its erasure counts. */
    String name();

    /**
     * When to erase: holders run by phase, then name. Phase 0 (default) for data keyed by the
     * contact's conversations, which phase 1 (the conversations module) deletes.
     */
    default int phase() {
        return 0;
    }

    /** Writes what this module holds on the contact (organisation scope is bound, no transaction). */
    void export(UUID orgId, UUID contactId, ContactExport out);

    /**
     * A reason the contact must not be erased now (e.g. a conversation under legal hold), answered as a
     * 409; empty when erasure may go ahead.
     */
    default Optional<String> erasureBlocked(UUID orgId, UUID contactId) {
        return Optional.empty();
    }

    /**
     * Removes everything this module holds about the contact, inside the erasing transaction (files and
     * index entries go after it commits). Answers counts of what went, never content: they are written
     * to the audit log.
     */
    Map<String, Long> erase(UUID orgId, UUID contactId);
}
