package io.switchboard.conversations.internal;

import io.switchboard.shared.web.CsvDownload;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversations and messages as CSV rows, streamed from a database cursor: an export of any size
 * never sits in memory (the cursor needs the read-only transaction around it).
 */
@Component
class ConversationExports {

    static final List<String> CONVERSATION_HEADER = List.of(
            "conversation_id",
            "created_at",
            "channel_id",
            "contact_id",
            "contact_name",
            "contact_phone",
            "status",
            "assignee_user_id",
            "priority",
            "labels",
            "handoff_reason",
            "last_message_at",
            "messages");

    static final List<String> MESSAGE_HEADER = List.of(
            "message_id",
            "created_at",
            "conversation_id",
            "channel_id",
            "contact_id",
            "direction",
            "sender_type",
            "kind",
            "text",
            "delivery_state",
            "error");

    private final DSLContext db;

    ConversationExports(DSLContext db) {
        this.db = db;
    }

    /** Conversations started in [from, to), oldest first. */
    @Transactional(readOnly = true)
    void conversations(UUID orgId, Instant from, Instant to, @Nullable UUID channelId, CsvDownload.Rows rows) {
        CsvDownload.stream(db.resultQuery("""
                        select c.id, c.created_at, c.channel_id, c.contact_id, k.name, k.phone, c.status,
                               c.assignee_user_id, c.priority, array_to_string(c.labels, ';'), c.handoff_reason,
                               c.last_message_at,
                               (select count(*) from messages m where m.conversation_id = c.id and m.direction <> 'internal')
                          from conversations c join contacts k on k.id = c.contact_id
                         where c.org_id = ?::uuid and c.created_at >= ?::timestamptz and c.created_at < ?::timestamptz
                           and (?::uuid is null or c.channel_id = ?::uuid)
                         order by c.created_at, c.id
                        """, orgId, from.toString(), to.toString(), channelId, channelId), rows);
    }

    /** Messages (not internal notes) written in [from, to), oldest first. */
    @Transactional(readOnly = true)
    void messages(UUID orgId, Instant from, Instant to, @Nullable UUID channelId, CsvDownload.Rows rows) {
        CsvDownload.stream(db.resultQuery("""
                        select m.id, m.created_at, m.conversation_id, m.channel_id, c.contact_id, m.direction,
                               m.sender_type, m.kind, m.body_text, m.delivery_state, m.error
                          from messages m join conversations c on c.id = m.conversation_id
                         where m.org_id = ?::uuid and m.created_at >= ?::timestamptz and m.created_at < ?::timestamptz
                           and m.direction <> 'internal'
                           and (?::uuid is null or m.channel_id = ?::uuid)
                         order by m.created_at, m.id
                        """, orgId, from.toString(), to.toString(), channelId, channelId), rows);
    }
}
