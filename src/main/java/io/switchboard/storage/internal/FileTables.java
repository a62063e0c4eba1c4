package io.switchboard.storage.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The {@code files} table of V11__files_and_media.sql. */
final class FileTables {

    private FileTables() {}

    static final class Files {
        static final Table<?> T = table(name("files"));
        static final Field<String> KEY = field(name("files", "key"), SQLDataType.CLOB);
        static final Field<UUID> ORG_ID = field(name("files", "org_id"), SQLDataType.UUID);
        static final Field<String> CATEGORY = field(name("files", "category"), SQLDataType.CLOB);
        static final Field<String> FILENAME = field(name("files", "filename"), SQLDataType.CLOB);
        static final Field<String> CONTENT_TYPE = field(name("files", "content_type"), SQLDataType.CLOB);
        static final Field<Long> SIZE_BYTES = field(name("files", "size_bytes"), SQLDataType.BIGINT);
        static final Field<String> SHA256 = field(name("files", "sha256"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("files", "created_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL =
                List.of(KEY, ORG_ID, CATEGORY, FILENAME, CONTENT_TYPE, SIZE_BYTES, SHA256, CREATED_AT);
    }
}
