package io.switchboard.conversations.internal;

import static io.switchboard.conversations.internal.ConversationTables.Conversations;
import static io.switchboard.conversations.internal.ConversationTables.Messages;

import io.switchboard.contacts.ContactExport;
import io.switchboard.contacts.PersonalDataHolder;
import io.switchboard.conversations.ConversationRetention;
import io.switchboard.conversations.HistoryPurged;
import io.switchboard.conversations.MessageContent;
import io.switchboard.shared.db.AfterCommit;
import io.switchboard.storage.BlobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations and messages in the retention purge and in a contact's GDPR export and erasure. Media
 * files of deleted messages are deleted once the deleting transaction commits (a rollback keeps them).
 */
@Component
class ConversationPrivacy implements ConversationRetention, PersonalDataHolder {

    private static final Logger log = LoggerFactory.getLogger(ConversationPrivacy.class);
    /** The stored copy's key inside a media message's JSON content. */
    private static final Field<String> FILE_KEY = DSL.field("{0} ->> 'fileKey'", SQLDataType.CLOB, Messages.CONTENT);

    private final DSLContext db;
    private final JsonMapper json;
    private final BlobStore blobs;
    private final ApplicationEventPublisher events;

    ConversationPrivacy(DSLContext db, JsonMapper json, BlobStore blobs, ApplicationEventPublisher events) {
        this.db = db;
        this.json = json;
        this.blobs = blobs;
        this.events = events;
    }

    // ---- retention

    @Override
    @Transactional
    public PurgedHistory purgeBatch(
            UUID orgId, Instant cutoff, @Nullable UUID onlyContact, Collection<UUID> exceptContacts, int limit) {
        Field<UUID> heldContact = DSL.field(DSL.name("c", "contact_id"), SQLDataType.UUID);
        Condition scope = DSL.noCondition();
        if (onlyContact != null) scope = scope.and(heldContact.eq(onlyContact));
        if (!exceptContacts.isEmpty()) scope = scope.and(heldContact.notIn(exceptContacts));
        // oldest first, rows another node is deleting right now are skipped (SKIP LOCKED): two nodes
        // purging the same organisation split the work instead of waiting on each other
        var deleted = db.resultQuery(
                        """
                        DELETE FROM messages m USING (
                          SELECT d.id FROM messages d JOIN conversations c ON c.id = d.conversation_id
                          WHERE d.org_id = {0} AND d.created_at < {1} AND c.legal_hold_at IS NULL AND {2}
                          ORDER BY d.created_at LIMIT {3}
                          FOR UPDATE OF d SKIP LOCKED) doomed
                        WHERE m.id = doomed.id
                        RETURNING m.id, m.conversation_id, m.content ->> 'fileKey'""", DSL.val(orgId), DSL.val(cutoff, SQLDataType.INSTANT), scope, DSL.inline(limit))
                .fetch();
        var messageIds = new ArrayList<UUID>(deleted.size());
        var touched = new LinkedHashSet<UUID>();
        var files = new ArrayList<String>();
        for (var r : deleted) {
            messageIds.add(r.get(0, UUID.class));
            touched.add(r.get(1, UUID.class));
            String key = r.get(2, String.class);
            if (key != null) files.add(key);
        }
        List<UUID> emptied = touched.isEmpty()
                ? List.of()
                : db.deleteFrom(Conversations.T)
                        .where(
                                Conversations.ORG_ID.eq(orgId),
                                Conversations.ID.in(touched),
                                Conversations.LEGAL_HOLD_AT.isNull(),
                                // a message arriving now updates the row: the re-checked condition spares it
                                Conversations.LAST_MESSAGE_AT.lt(cutoff),
                                DSL.notExists(DSL.selectOne()
                                        .from(Messages.T)
                                        .where(Messages.CONVERSATION_ID.eq(Conversations.ID))))
                        .returningResult(Conversations.ID)
                        .fetch(Record1::value1);
        if (!messageIds.isEmpty()) events.publishEvent(new HistoryPurged(orgId, messageIds, emptied));
        deleteFilesAfterCommit(orgId, files);
        return new PurgedHistory(messageIds, files.size(), emptied.size());
    }

    @Override
    public long legalHolds(UUID orgId) {
        return db.fetchCount(Conversations.T, Conversations.ORG_ID.eq(orgId), Conversations.LEGAL_HOLD_AT.isNotNull());
    }

    // ---- GDPR

    @Override
    public String name() {
        return "conversations";
    }

    /** Last: other holders find the contact's conversations before they go. */
    @Override
    public int phase() {
        return 1;
    }

    @Override
    public void export(UUID orgId, UUID contactId, ContactExport out) {
        var conversations = db.select(Conversations.ALL)
                .from(Conversations.T)
                .where(Conversations.ORG_ID.eq(orgId), Conversations.CONTACT_ID.eq(contactId))
                .orderBy(Conversations.CREATED_AT, Conversations.ID)
                .fetch();
        var result = new ArrayList<Map<String, Object>>();
        for (var c : conversations) {
            UUID conversationId = c.get(Conversations.ID);
            var messages = new ArrayList<Map<String, Object>>();
            for (var m : db.select(Messages.ALL)
                    .from(Messages.T)
                    .where(Messages.ORG_ID.eq(orgId), Messages.CONVERSATION_ID.eq(conversationId))
                    .orderBy(Messages.CREATED_AT, Messages.ID)
                    .fetch()) {
                var message = new LinkedHashMap<String, Object>();
                message.put("id", m.get(Messages.ID));
                message.put("direction", m.get(Messages.DIRECTION));
                message.put("senderType", m.get(Messages.SENDER_TYPE));
                message.put("kind", m.get(Messages.KIND));
                MessageContent content = json.readValue(m.get(Messages.CONTENT).data(), MessageContent.class);
                message.put("content", content);
                message.put("deliveryState", m.get(Messages.DELIVERY_STATE));
                message.put("createdAt", m.get(Messages.CREATED_AT));
                JSONB understanding = m.get(Messages.UNDERSTANDING);
                if (understanding != null) message.put("understanding", json.readTree(understanding.data()));
                if (content instanceof MessageContent.Media media && media.fileKey() != null) {
                    String path = "media/" + media.fileKey() + extension(media.filename());
                    var opened = blobs.open(orgId, media.fileKey());
                    if (opened.isPresent()) {
                        try (var blob = opened.get()) {
                            out.file(path, blob.content());
                        }
                        message.put("file", "conversations/" + path);
                    }
                }
                messages.add(message);
            }
            var conversation = new LinkedHashMap<String, Object>();
            conversation.put("id", conversationId);
            conversation.put("contactId", c.get(Conversations.CONTACT_ID));
            conversation.put("channelId", c.get(Conversations.CHANNEL_ID));
            conversation.put("status", c.get(Conversations.STATUS));
            conversation.put("labels", List.of(c.get(Conversations.LABELS)));
            conversation.put("createdAt", c.get(Conversations.CREATED_AT));
            conversation.put("lastMessageAt", c.get(Conversations.LAST_MESSAGE_AT));
            conversation.put("legalHoldAt", c.get(Conversations.LEGAL_HOLD_AT));
            conversation.put("messages", messages);
            result.add(conversation);
        }
        out.json("conversations-" + contactId + ".json", result);
    }

    @Override
    public Optional<String> erasureBlocked(UUID orgId, UUID contactId) {
        return db.select(Conversations.ID)
                .from(Conversations.T)
                .where(
                        Conversations.ORG_ID.eq(orgId),
                        Conversations.CONTACT_ID.eq(contactId),
                        Conversations.LEGAL_HOLD_AT.isNotNull())
                .limit(1)
                .fetchOptional(Conversations.ID)
                .map(id -> "Conversation " + id + " is under legal hold; clear the hold before erasing the contact");
    }

    @Override
    @Transactional
    public Map<String, Long> erase(UUID orgId, UUID contactId) {
        var ofContact = DSL.select(Conversations.ID)
                .from(Conversations.T)
                .where(Conversations.ORG_ID.eq(orgId), Conversations.CONTACT_ID.eq(contactId));
        List<String> files = db.select(FILE_KEY)
                .from(Messages.T)
                .where(Messages.ORG_ID.eq(orgId), Messages.CONVERSATION_ID.in(ofContact), FILE_KEY.isNotNull())
                .fetch(FILE_KEY);
        long messages = db.fetchCount(Messages.T, Messages.ORG_ID.eq(orgId), Messages.CONVERSATION_ID.in(ofContact));
        // messages go with their conversations (ON DELETE CASCADE)
        long conversations = db.deleteFrom(Conversations.T)
                .where(Conversations.ORG_ID.eq(orgId), Conversations.CONTACT_ID.eq(contactId))
                .execute();
        deleteFilesAfterCommit(orgId, files);
        var counts = new LinkedHashMap<String, Long>();
        counts.put("conversations", conversations);
        counts.put("messages", messages);
        counts.put("files", (long) files.size());
        return counts;
    }

    private void deleteFilesAfterCommit(UUID orgId, List<String> keys) {
        if (keys.isEmpty()) return;
        AfterCommit.run(() -> {
            for (String key : keys) {
                try {
                    blobs.delete(orgId, key);
                } catch (RuntimeException e) { // the message is gone either way; an orphan file is logged
                    log.warn("Could not delete file {} of organisation {}: {}", key, orgId, e.toString());
                }
            }
        });
    }

    private static String extension(@Nullable String filename) {
        if (filename == null) return "";
        int dot = filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot);
        return ext.matches("\\.[A-Za-z0-9]{1,10}") ? ext : "";
    }
}
