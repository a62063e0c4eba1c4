package io.switchboard.moderation.internal;

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

/** Tables of V8__moderation.sql. */
final class ModerationTables {

    private ModerationTables() {}

    static final class Settings {
        static final Table<?> T = table(name("moderation_settings"));
        static final Field<UUID> ORG_ID = field(name("moderation_settings", "org_id"), SQLDataType.UUID);
        static final Field<String[]> BLOCKED_TERMS =
                field(name("moderation_settings", "blocked_terms"), SQLDataType.CLOB.array());
        static final Field<Boolean> MASK_PII = field(name("moderation_settings", "mask_pii"), SQLDataType.BOOLEAN);
        static final Field<Boolean> BLOCK_PROMPT_INJECTION =
                field(name("moderation_settings", "block_prompt_injection"), SQLDataType.BOOLEAN);
        static final Field<Boolean> USE_OPENAI_MODERATION =
                field(name("moderation_settings", "use_openai_moderation"), SQLDataType.BOOLEAN);
        static final Field<Instant> UPDATED_AT = field(name("moderation_settings", "updated_at"), SQLDataType.INSTANT);
    }

    static final class Decisions {
        static final Table<?> T = table(name("moderation_decisions"));
        static final Field<Long> ID = field(name("moderation_decisions", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("moderation_decisions", "org_id"), SQLDataType.UUID);
        static final Field<String> STAGE = field(name("moderation_decisions", "stage"), SQLDataType.CLOB);
        static final Field<String> VERDICT = field(name("moderation_decisions", "verdict"), SQLDataType.CLOB);
        static final Field<JSONB> FINDINGS = field(name("moderation_decisions", "findings"), SQLDataType.JSONB);
        static final Field<String> SUBJECT_REF = field(name("moderation_decisions", "subject_ref"), SQLDataType.CLOB);
        static final Field<String> EXCERPT = field(name("moderation_decisions", "excerpt"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("moderation_decisions", "created_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL =
                List.of(ID, ORG_ID, STAGE, VERDICT, FINDINGS, SUBJECT_REF, EXCERPT, CREATED_AT);
    }
}
