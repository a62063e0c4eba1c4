package io.switchboard.knowledge.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Tables of V6__knowledge.sql. {@code ALL} leaves out the large columns (raw content, vectors). */
final class KnowledgeTables {

    private KnowledgeTables() {}

    static final class KnowledgeBases {
        static final Table<?> T = table(name("knowledge_bases"));
        static final Field<UUID> ID = field(name("knowledge_bases", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("knowledge_bases", "org_id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("knowledge_bases", "name"), SQLDataType.CLOB);
        static final Field<String> DESCRIPTION = field(name("knowledge_bases", "description"), SQLDataType.CLOB);
        static final Field<String> REINDEX_STATUS = field(name("knowledge_bases", "reindex_status"), SQLDataType.CLOB);
        static final Field<Integer> REINDEX_PROGRESS =
                field(name("knowledge_bases", "reindex_progress"), SQLDataType.INTEGER);
        static final Field<String> REINDEX_ERROR = field(name("knowledge_bases", "reindex_error"), SQLDataType.CLOB);
        static final Field<Instant> REINDEXED_AT = field(name("knowledge_bases", "reindexed_at"), SQLDataType.INSTANT);
        static final Field<Instant> CREATED_AT = field(name("knowledge_bases", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("knowledge_bases", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                NAME,
                DESCRIPTION,
                REINDEX_STATUS,
                REINDEX_PROGRESS,
                REINDEX_ERROR,
                REINDEXED_AT,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class Sources {
        static final Table<?> T = table(name("knowledge_sources"));
        static final Field<UUID> ID = field(name("knowledge_sources", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("knowledge_sources", "org_id"), SQLDataType.UUID);
        static final Field<UUID> KB_ID = field(name("knowledge_sources", "knowledge_base_id"), SQLDataType.UUID);
        static final Field<String> URL = field(name("knowledge_sources", "url"), SQLDataType.CLOB);
        static final Field<String> KIND = field(name("knowledge_sources", "kind"), SQLDataType.CLOB);
        static final Field<String> STATUS = field(name("knowledge_sources", "status"), SQLDataType.CLOB);
        static final Field<String> ERROR = field(name("knowledge_sources", "error"), SQLDataType.CLOB);
        static final Field<Integer> PAGES_FOUND = field(name("knowledge_sources", "pages_found"), SQLDataType.INTEGER);
        static final Field<Integer> PAGES_SKIPPED =
                field(name("knowledge_sources", "pages_skipped"), SQLDataType.INTEGER);
        static final Field<Instant> LAST_SYNCED_AT =
                field(name("knowledge_sources", "last_synced_at"), SQLDataType.INSTANT);
        static final Field<Instant> CREATED_AT = field(name("knowledge_sources", "created_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID, ORG_ID, KB_ID, URL, KIND, STATUS, ERROR, PAGES_FOUND, PAGES_SKIPPED, LAST_SYNCED_AT, CREATED_AT);
    }

    static final class Documents {
        static final Table<?> T = table(name("knowledge_documents"));
        static final Field<UUID> ID = field(name("knowledge_documents", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("knowledge_documents", "org_id"), SQLDataType.UUID);
        static final Field<UUID> KB_ID = field(name("knowledge_documents", "knowledge_base_id"), SQLDataType.UUID);
        static final Field<UUID> SOURCE_ID = field(name("knowledge_documents", "source_id"), SQLDataType.UUID);
        static final Field<String> TITLE = field(name("knowledge_documents", "title"), SQLDataType.CLOB);
        static final Field<String> FILENAME = field(name("knowledge_documents", "filename"), SQLDataType.CLOB);
        static final Field<String> SOURCE_URL = field(name("knowledge_documents", "source_url"), SQLDataType.CLOB);
        static final Field<String> FORMAT = field(name("knowledge_documents", "format"), SQLDataType.CLOB);
        static final Field<Long> SIZE_BYTES = field(name("knowledge_documents", "size_bytes"), SQLDataType.BIGINT);
        static final Field<byte[]> CONTENT = field(name("knowledge_documents", "content"), SQLDataType.BLOB);
        static final Field<String> CONTENT_SHA256 =
                field(name("knowledge_documents", "content_sha256"), SQLDataType.CLOB);
        static final Field<String> STATUS = field(name("knowledge_documents", "status"), SQLDataType.CLOB);
        static final Field<Integer> PROGRESS = field(name("knowledge_documents", "progress"), SQLDataType.INTEGER);
        static final Field<String> ERROR = field(name("knowledge_documents", "error"), SQLDataType.CLOB);
        static final Field<Integer> CHUNK_COUNT =
                field(name("knowledge_documents", "chunk_count"), SQLDataType.INTEGER);
        static final Field<Instant> CREATED_AT = field(name("knowledge_documents", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("knowledge_documents", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                KB_ID,
                SOURCE_ID,
                TITLE,
                FILENAME,
                SOURCE_URL,
                FORMAT,
                SIZE_BYTES,
                CONTENT_SHA256,
                STATUS,
                PROGRESS,
                ERROR,
                CHUNK_COUNT,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class Sections {
        static final Table<?> T = table(name("knowledge_sections"));
        static final Field<UUID> ID = field(name("knowledge_sections", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("knowledge_sections", "org_id"), SQLDataType.UUID);
        static final Field<UUID> DOCUMENT_ID = field(name("knowledge_sections", "document_id"), SQLDataType.UUID);
        static final Field<Integer> ORDINAL = field(name("knowledge_sections", "ordinal"), SQLDataType.INTEGER);
        static final Field<String> HEADING = field(name("knowledge_sections", "heading"), SQLDataType.CLOB);
        static final Field<String> TEXT = field(name("knowledge_sections", "text"), SQLDataType.CLOB);
        static final List<Field<?>> ALL = List.of(ID, ORG_ID, DOCUMENT_ID, ORDINAL, HEADING, TEXT);
    }

    static final class Chunks {
        static final Table<?> T = table(name("knowledge_chunks"));
        static final Field<UUID> ID = field(name("knowledge_chunks", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("knowledge_chunks", "org_id"), SQLDataType.UUID);
        static final Field<UUID> KB_ID = field(name("knowledge_chunks", "knowledge_base_id"), SQLDataType.UUID);
        static final Field<UUID> DOCUMENT_ID = field(name("knowledge_chunks", "document_id"), SQLDataType.UUID);
        static final Field<UUID> SECTION_ID = field(name("knowledge_chunks", "section_id"), SQLDataType.UUID);
        static final Field<Integer> ORDINAL = field(name("knowledge_chunks", "ordinal"), SQLDataType.INTEGER);
        static final Field<String> TEXT = field(name("knowledge_chunks", "text"), SQLDataType.CLOB);
        static final Field<Integer> TOKEN_COUNT = field(name("knowledge_chunks", "token_count"), SQLDataType.INTEGER);
        static final Field<byte[]> EMBEDDING = field(name("knowledge_chunks", "embedding"), SQLDataType.BLOB);
        static final List<Field<?>> ALL =
                List.of(ID, ORG_ID, KB_ID, DOCUMENT_ID, SECTION_ID, ORDINAL, TEXT, TOKEN_COUNT);
    }

    /** V6 + V15: messages made searchable; {@code indexed = false} rows wait for the index worker. */
    static final class Messages {
        static final Table<?> T = table(name("knowledge_messages"));
        static final Field<UUID> MESSAGE_ID = field(name("knowledge_messages", "message_id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("knowledge_messages", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CONVERSATION_ID =
                field(name("knowledge_messages", "conversation_id"), SQLDataType.UUID);
        static final Field<UUID> CHANNEL_ID = field(name("knowledge_messages", "channel_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("knowledge_messages", "contact_id"), SQLDataType.UUID);
        static final Field<String> DIRECTION = field(name("knowledge_messages", "direction"), SQLDataType.CLOB);
        static final Field<String> SENDER_TYPE = field(name("knowledge_messages", "sender_type"), SQLDataType.CLOB);
        static final Field<String> TEXT = field(name("knowledge_messages", "text"), SQLDataType.CLOB);
        static final Field<byte[]> EMBEDDING = field(name("knowledge_messages", "embedding"), SQLDataType.BLOB);
        static final Field<Boolean> INDEXED = field(name("knowledge_messages", "indexed"), SQLDataType.BOOLEAN);
        static final Field<Instant> CREATED_AT = field(name("knowledge_messages", "created_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                MESSAGE_ID,
                ORG_ID,
                CONVERSATION_ID,
                CHANNEL_ID,
                CONTACT_ID,
                DIRECTION,
                SENDER_TYPE,
                TEXT,
                INDEXED,
                CREATED_AT);
    }

    /** Read-only views of other modules' tables, joined to name search results (as the inbox does). */
    static final class ContactNames {
        static final Table<?> T = table(name("contacts"));
        static final Field<UUID> ID = field(name("contacts", "id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("contacts", "name"), SQLDataType.CLOB);
        static final Field<String> PHONE = field(name("contacts", "phone"), SQLDataType.CLOB);
    }

    static final class ChannelNames {
        static final Table<?> T = table(name("channels"));
        static final Field<UUID> ID = field(name("channels", "id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("channels", "name"), SQLDataType.CLOB);
        static final Field<String> TYPE = field(name("channels", "type"), SQLDataType.CLOB);
    }

    static final class Jobs {
        static final Table<?> T = table(name("knowledge_jobs"));
        static final Field<Long> ID = field(name("knowledge_jobs", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("knowledge_jobs", "org_id"), SQLDataType.UUID);
        static final Field<String> KIND = field(name("knowledge_jobs", "kind"), SQLDataType.CLOB);
        static final Field<UUID> TARGET_ID = field(name("knowledge_jobs", "target_id"), SQLDataType.UUID);
        static final Field<String> STATUS = field(name("knowledge_jobs", "status"), SQLDataType.CLOB);
        static final Field<Integer> ATTEMPTS = field(name("knowledge_jobs", "attempts"), SQLDataType.INTEGER);
        static final Field<Instant> NEXT_ATTEMPT_AT =
                field(name("knowledge_jobs", "next_attempt_at"), SQLDataType.INSTANT);
        static final Field<Instant> CLAIMED_AT = field(name("knowledge_jobs", "claimed_at"), SQLDataType.INSTANT);
        static final Field<String> LAST_ERROR = field(name("knowledge_jobs", "last_error"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("knowledge_jobs", "created_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID, ORG_ID, KIND, TARGET_ID, STATUS, ATTEMPTS, NEXT_ATTEMPT_AT, CLAIMED_AT, LAST_ERROR, CREATED_AT);
    }
}
