package io.switchboard.conversations.internal;

import static io.switchboard.conversations.internal.ConversationTables.Conversations;

import io.switchboard.contacts.ContactsMerged;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Moves a merged contact's conversations to the survivor, in the merging transaction. */
@Component
class ContactMergeListener {

    private final DSLContext db;

    ContactMergeListener(DSLContext db) {
        this.db = db;
    }

    @EventListener
    void on(ContactsMerged merged) {
        db.update(Conversations.T)
                .set(Conversations.CONTACT_ID, merged.survivorId())
                .where(Conversations.ORG_ID.eq(merged.orgId()), Conversations.CONTACT_ID.eq(merged.mergedId()))
                .execute();
    }
}
