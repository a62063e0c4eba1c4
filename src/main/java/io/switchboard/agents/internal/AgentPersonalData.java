package io.switchboard.agents.internal;

import static io.switchboard.agents.internal.AgentTables.Callbacks;
import static io.switchboard.agents.internal.AgentTables.ConversationState;
import static io.switchboard.agents.internal.AgentTables.Runs;

import io.switchboard.contacts.ContactExport;
import io.switchboard.contacts.PersonalDataHolder;
import io.switchboard.conversations.HistoryPurged;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What agents keep about a contact: callback requests, the memory (summary) of their conversations
 * and the traces of answers to them (which quote their messages). The retention purge takes the
 * traces and memory of purged history along ({@link HistoryPurged}).
 */
@Component
class AgentPersonalData implements PersonalDataHolder {

    /** Read-only look at the conversations module's table: which conversations are the contact's. */
    private static final Field<UUID> CONVERSATION_ID = DSL.field(DSL.name("conversations", "id"), SQLDataType.UUID);

    private static final Field<UUID> CONVERSATION_ORG =
            DSL.field(DSL.name("conversations", "org_id"), SQLDataType.UUID);
    private static final Field<UUID> CONVERSATION_CONTACT =
            DSL.field(DSL.name("conversations", "contact_id"), SQLDataType.UUID);

    private final DSLContext db;

    AgentPersonalData(DSLContext db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "agents";
    }

    private static Select<org.jooq.Record1<UUID>> conversationsOf(UUID orgId, UUID contactId) {
        return DSL.select(CONVERSATION_ID)
                .from(DSL.table(DSL.name("conversations")))
                .where(CONVERSATION_ORG.eq(orgId), CONVERSATION_CONTACT.eq(contactId));
    }

    @Override
    public void export(UUID orgId, UUID contactId, ContactExport out) {
        var callbacks = db.select(
                        Callbacks.ID,
                        Callbacks.CONVERSATION_ID,
                        Callbacks.PHONE,
                        Callbacks.REQUESTED_FOR,
                        Callbacks.NOTE,
                        Callbacks.STATUS,
                        Callbacks.CREATED_AT)
                .from(Callbacks.T)
                .where(
                        Callbacks.ORG_ID.eq(orgId),
                        Callbacks.CONTACT_ID
                                .eq(contactId)
                                .or(Callbacks.CONVERSATION_ID.in(conversationsOf(orgId, contactId))))
                .orderBy(Callbacks.CREATED_AT)
                .fetch(r -> {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("id", r.value1());
                    m.put("conversationId", r.value2());
                    m.put("phone", r.value3());
                    m.put("requestedFor", r.value4());
                    m.put("note", r.value5());
                    m.put("status", r.value6());
                    m.put("createdAt", r.value7());
                    return m;
                });
        var memory = db.select(
                        ConversationState.CONVERSATION_ID, ConversationState.SUMMARY, ConversationState.UPDATED_AT)
                .from(ConversationState.T)
                .where(
                        ConversationState.ORG_ID.eq(orgId),
                        ConversationState.CONVERSATION_ID.in(conversationsOf(orgId, contactId)),
                        ConversationState.SUMMARY.isNotNull())
                .fetch(r -> Map.of("conversationId", r.value1(), "summary", r.value2(), "updatedAt", r.value3()));
        if (!callbacks.isEmpty()) out.json("callback-requests-" + contactId + ".json", callbacks);
        if (!memory.isEmpty()) out.json("conversation-summaries-" + contactId + ".json", memory);
    }

    /** The retention purge took these messages: traces quoting them and memory of emptied conversations go too. */
    @EventListener
    void on(HistoryPurged purged) {
        db.deleteFrom(Runs.T)
                .where(
                        Runs.ORG_ID.eq(purged.orgId()),
                        Runs.INBOUND_MESSAGE_ID
                                .in(purged.messageIds())
                                .or(Runs.REPLY_MESSAGE_ID.in(purged.messageIds())))
                .execute();
        if (!purged.conversationIds().isEmpty()) {
            db.deleteFrom(ConversationState.T)
                    .where(
                            ConversationState.ORG_ID.eq(purged.orgId()),
                            ConversationState.CONVERSATION_ID.in(purged.conversationIds()))
                    .execute();
            db.deleteFrom(Runs.T)
                    .where(Runs.ORG_ID.eq(purged.orgId()), Runs.CONVERSATION_ID.in(purged.conversationIds()))
                    .execute();
        }
    }

    @Override
    public Map<String, Long> erase(UUID orgId, UUID contactId) {
        long callbacks = db.deleteFrom(Callbacks.T)
                .where(
                        Callbacks.ORG_ID.eq(orgId),
                        Callbacks.CONTACT_ID
                                .eq(contactId)
                                .or(Callbacks.CONVERSATION_ID.in(conversationsOf(orgId, contactId))))
                .execute();
        long summaries = db.deleteFrom(ConversationState.T)
                .where(
                        ConversationState.ORG_ID.eq(orgId),
                        ConversationState.CONVERSATION_ID.in(conversationsOf(orgId, contactId)))
                .execute();
        long runs = db.deleteFrom(Runs.T)
                .where(Runs.ORG_ID.eq(orgId), Runs.CONVERSATION_ID.in(conversationsOf(orgId, contactId)))
                .execute();
        var counts = new LinkedHashMap<String, Long>();
        counts.put("callbackRequests", callbacks);
        counts.put("conversationSummaries", summaries);
        counts.put("runs", runs);
        return counts;
    }
}
