package io.switchboard.knowledge.internal;

import static io.switchboard.knowledge.internal.KnowledgeTables.Messages;

import io.switchboard.contacts.ContactExport;
import io.switchboard.contacts.PersonalDataHolder;
import io.switchboard.knowledge.ConversationIndex;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The conversation search index in a contact's erasure: its copies of their messages (text, vector,
 * Lucene entry) go. Nothing to export: the messages themselves are in the conversations part.
 */
@Component
class ConversationIndexPersonalData implements PersonalDataHolder {

    private final DSLContext db;
    private final ConversationIndex index;

    ConversationIndexPersonalData(DSLContext db, ConversationIndex index) {
        this.db = db;
        this.index = index;
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public void export(UUID orgId, UUID contactId, ContactExport out) {
        // copies of the messages exported by the conversations part
    }

    @Override
    public Map<String, Long> erase(UUID orgId, UUID contactId) {
        long entries = db.fetchCount(Messages.T, Messages.ORG_ID.eq(orgId), Messages.CONTACT_ID.eq(contactId));
        index.forgetContact(orgId, contactId);
        return Map.of("entries", entries);
    }
}
