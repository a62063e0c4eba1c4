package io.switchboard.privacy.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Tables of V16__retention_and_privacy.sql owned by the privacy module. */
final class RetentionTables {

    private RetentionTables() {}

    static final class Runs {
        static final Table<?> T = table(name("retention_runs"));
        static final Field<UUID> ID = field(name("retention_runs", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("retention_runs", "org_id"), SQLDataType.UUID);
        static final Field<String> TRIGGER = field(name("retention_runs", "trigger"), SQLDataType.CLOB);
        static final Field<Integer> HISTORY_DAYS = field(name("retention_runs", "history_days"), SQLDataType.INTEGER);
        static final Field<Instant> CUTOFF = field(name("retention_runs", "cutoff"), SQLDataType.INSTANT);
        static final Field<Instant> STARTED_AT = field(name("retention_runs", "started_at"), SQLDataType.INSTANT);
        static final Field<Instant> FINISHED_AT = field(name("retention_runs", "finished_at"), SQLDataType.INSTANT);
        static final Field<Long> MESSAGES_DELETED =
                field(name("retention_runs", "messages_deleted"), SQLDataType.BIGINT);
        static final Field<Long> FILES_DELETED = field(name("retention_runs", "files_deleted"), SQLDataType.BIGINT);
        static final Field<Long> CONVERSATIONS_DELETED =
                field(name("retention_runs", "conversations_deleted"), SQLDataType.BIGINT);
        static final Field<String> ERROR = field(name("retention_runs", "error"), SQLDataType.CLOB);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                TRIGGER,
                HISTORY_DAYS,
                CUTOFF,
                STARTED_AT,
                FINISHED_AT,
                MESSAGES_DELETED,
                FILES_DELETED,
                CONVERSATIONS_DELETED,
                ERROR);
    }
}
