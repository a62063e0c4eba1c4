package io.switchboard.conversations.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Tables of V3__contacts_and_conversations.sql and V10 owned by the conversations module. */
final class ConversationTables {

    private ConversationTables() {}

    static final class Conversations {
        static final Table<?> T = table(name("conversations"));
        static final Field<UUID> ID = field(name("conversations", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("conversations", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("conversations", "contact_id"), SQLDataType.UUID);
        static final Field<UUID> CHANNEL_ID = field(name("conversations", "channel_id"), SQLDataType.UUID);
        static final Field<String> STATUS = field(name("conversations", "status"), SQLDataType.CLOB);
        static final Field<Instant> SNOOZED_UNTIL = field(name("conversations", "snoozed_until"), SQLDataType.INSTANT);
        static final Field<UUID> ASSIGNEE_USER_ID = field(name("conversations", "assignee_user_id"), SQLDataType.UUID);
        static final Field<String> PRIORITY = field(name("conversations", "priority"), SQLDataType.CLOB);
        static final Field<String[]> LABELS = field(name("conversations", "labels"), SQLDataType.CLOB.array());
        static final Field<Integer> UNREAD_COUNT = field(name("conversations", "unread_count"), SQLDataType.INTEGER);
        static final Field<Instant> LAST_MESSAGE_AT =
                field(name("conversations", "last_message_at"), SQLDataType.INSTANT);
        static final Field<Instant> LAST_INBOUND_AT =
                field(name("conversations", "last_inbound_at"), SQLDataType.INSTANT);
        static final Field<String> LAST_MESSAGE_PREVIEW =
                field(name("conversations", "last_message_preview"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("conversations", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> BOT_PAUSED_AT = field(name("conversations", "bot_paused_at"), SQLDataType.INSTANT);
        static final Field<String> HANDOFF_REASON = field(name("conversations", "handoff_reason"), SQLDataType.CLOB);
        /** V16: set while a legal hold keeps the conversation from purge and erasure. */
        static final Field<Instant> LEGAL_HOLD_AT = field(name("conversations", "legal_hold_at"), SQLDataType.INSTANT);

        static final Field<UUID> LEGAL_HOLD_BY = field(name("conversations", "legal_hold_by"), SQLDataType.UUID);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                CONTACT_ID,
                CHANNEL_ID,
                STATUS,
                SNOOZED_UNTIL,
                ASSIGNEE_USER_ID,
                PRIORITY,
                LABELS,
                UNREAD_COUNT,
                LAST_MESSAGE_AT,
                LAST_INBOUND_AT,
                LAST_MESSAGE_PREVIEW,
                CREATED_AT,
                BOT_PAUSED_AT,
                HANDOFF_REASON,
                LEGAL_HOLD_AT);
    }

    static final class Messages {
        static final Table<?> T = table(name("messages"));
        static final Field<UUID> ID = field(name("messages", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("messages", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CONVERSATION_ID = field(name("messages", "conversation_id"), SQLDataType.UUID);
        static final Field<UUID> CHANNEL_ID = field(name("messages", "channel_id"), SQLDataType.UUID);
        static final Field<String> DIRECTION = field(name("messages", "direction"), SQLDataType.CLOB);
        static final Field<String> SENDER_TYPE = field(name("messages", "sender_type"), SQLDataType.CLOB);
        static final Field<UUID> SENDER_ID = field(name("messages", "sender_id"), SQLDataType.UUID);
        static final Field<String> KIND = field(name("messages", "kind"), SQLDataType.CLOB);
        static final Field<JSONB> CONTENT = field(name("messages", "content"), SQLDataType.JSONB);
        static final Field<String> BODY_TEXT = field(name("messages", "body_text"), SQLDataType.CLOB);
        static final Field<String> PROVIDER_MESSAGE_ID =
                field(name("messages", "provider_message_id"), SQLDataType.CLOB);
        static final Field<String> DELIVERY_STATE = field(name("messages", "delivery_state"), SQLDataType.CLOB);
        static final Field<String> ERROR = field(name("messages", "error"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("messages", "created_at"), SQLDataType.INSTANT);
        static final Field<JSONB> UNDERSTANDING = field(name("messages", "understanding"), SQLDataType.JSONB);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                CONVERSATION_ID,
                CHANNEL_ID,
                DIRECTION,
                SENDER_TYPE,
                SENDER_ID,
                KIND,
                CONTENT,
                BODY_TEXT,
                PROVIDER_MESSAGE_ID,
                DELIVERY_STATE,
                ERROR,
                CREATED_AT,
                UNDERSTANDING);
    }

    /** Read-only view of the contacts module's table, joined for the inbox list. */
    static final class ContactNames {
        static final Table<?> T = table(name("contacts"));
        static final Field<UUID> ID = field(name("contacts", "id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("contacts", "name"), SQLDataType.CLOB);
        static final Field<String> PHONE = field(name("contacts", "phone"), SQLDataType.CLOB);
        static final Field<String> EMAIL = field(name("contacts", "email"), SQLDataType.CLOB);
        static final Field<UUID> ORG_ID = field(name("contacts", "org_id"), SQLDataType.UUID);
    }

    /** V12__quick_replies.sql. */
    static final class QuickReplies {
        static final Table<?> T = table(name("quick_replies"));
        static final Field<UUID> ID = field(name("quick_replies", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("quick_replies", "org_id"), SQLDataType.UUID);
        static final Field<String> SHORTCUT = field(name("quick_replies", "shortcut"), SQLDataType.CLOB);
        static final Field<String> TITLE = field(name("quick_replies", "title"), SQLDataType.CLOB);
        static final Field<String> BODY = field(name("quick_replies", "body"), SQLDataType.CLOB);
        static final Field<UUID> CREATED_BY = field(name("quick_replies", "created_by"), SQLDataType.UUID);
        static final Field<Instant> CREATED_AT = field(name("quick_replies", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("quick_replies", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL =
                List.of(ID, ORG_ID, SHORTCUT, TITLE, BODY, CREATED_BY, CREATED_AT, UPDATED_AT);
    }
}
