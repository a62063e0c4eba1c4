package io.switchboard.flows.internal;

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

/** Tables of V25__flows.sql. */
final class FlowTables {

    private FlowTables() {}

    static final class Flows {
        static final Table<?> T = table(name("flows"));
        static final Field<UUID> ID = field(name("flows", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("flows", "org_id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("flows", "name"), SQLDataType.CLOB);
        static final Field<String> DESCRIPTION = field(name("flows", "description"), SQLDataType.CLOB);
        static final Field<JSONB> DRAFT = field(name("flows", "draft"), SQLDataType.JSONB);
        static final Field<Integer> ACTIVE_VERSION = field(name("flows", "active_version"), SQLDataType.INTEGER);
        static final Field<Instant> CREATED_AT = field(name("flows", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("flows", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL =
                List.of(ID, ORG_ID, NAME, DESCRIPTION, DRAFT, ACTIVE_VERSION, CREATED_AT, UPDATED_AT);
    }

    static final class Versions {
        static final Table<?> T = table(name("flow_versions"));
        static final Field<UUID> ORG_ID = field(name("flow_versions", "org_id"), SQLDataType.UUID);
        static final Field<UUID> FLOW_ID = field(name("flow_versions", "flow_id"), SQLDataType.UUID);
        static final Field<Integer> VERSION = field(name("flow_versions", "version"), SQLDataType.INTEGER);
        static final Field<JSONB> DOCUMENT = field(name("flow_versions", "document"), SQLDataType.JSONB);
        static final Field<Instant> PUBLISHED_AT = field(name("flow_versions", "published_at"), SQLDataType.INSTANT);
        static final Field<UUID> PUBLISHED_BY = field(name("flow_versions", "published_by"), SQLDataType.UUID);
        static final Field<String> NOTE = field(name("flow_versions", "note"), SQLDataType.CLOB);
    }

    static final class Sessions {
        static final Table<?> T = table(name("flow_sessions"));
        static final Field<UUID> ID = field(name("flow_sessions", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("flow_sessions", "org_id"), SQLDataType.UUID);
        static final Field<UUID> FLOW_ID = field(name("flow_sessions", "flow_id"), SQLDataType.UUID);
        static final Field<Integer> FLOW_VERSION = field(name("flow_sessions", "flow_version"), SQLDataType.INTEGER);
        static final Field<UUID> CONVERSATION_ID = field(name("flow_sessions", "conversation_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("flow_sessions", "contact_id"), SQLDataType.UUID);
        static final Field<String> STATUS = field(name("flow_sessions", "status"), SQLDataType.CLOB);
        static final Field<JSONB> STATE = field(name("flow_sessions", "state"), SQLDataType.JSONB);
        static final Field<UUID> LAST_MESSAGE_ID = field(name("flow_sessions", "last_message_id"), SQLDataType.UUID);
        static final Field<Instant> STARTED_AT = field(name("flow_sessions", "started_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("flow_sessions", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                FLOW_ID,
                FLOW_VERSION,
                CONVERSATION_ID,
                CONTACT_ID,
                STATUS,
                STATE,
                LAST_MESSAGE_ID,
                STARTED_AT,
                UPDATED_AT);
    }

    static final class Steps {
        static final Table<?> T = table(name("flow_steps"));
        static final Field<Long> ID = field(name("flow_steps", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("flow_steps", "org_id"), SQLDataType.UUID);
        static final Field<UUID> SESSION_ID = field(name("flow_steps", "session_id"), SQLDataType.UUID);
        static final Field<UUID> FLOW_ID = field(name("flow_steps", "flow_id"), SQLDataType.UUID);
        static final Field<Integer> FLOW_VERSION = field(name("flow_steps", "flow_version"), SQLDataType.INTEGER);
        static final Field<UUID> CONVERSATION_ID = field(name("flow_steps", "conversation_id"), SQLDataType.UUID);
        static final Field<String> NODE_ID = field(name("flow_steps", "node_id"), SQLDataType.CLOB);
        static final Field<String> NODE_TYPE = field(name("flow_steps", "node_type"), SQLDataType.CLOB);
        static final Field<String> INPUT = field(name("flow_steps", "input"), SQLDataType.CLOB);
        static final Field<String> OUTPUT = field(name("flow_steps", "output"), SQLDataType.CLOB);
        static final Field<JSONB> VARIABLES_CHANGED = field(name("flow_steps", "variables_changed"), SQLDataType.JSONB);
        static final Field<Instant> AT = field(name("flow_steps", "at"), SQLDataType.INSTANT);
    }

    static final class Jobs {
        static final Table<?> T = table(name("flow_jobs"));
        static final Field<Long> ID = field(name("flow_jobs", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("flow_jobs", "org_id"), SQLDataType.UUID);
        static final Field<UUID> SESSION_ID = field(name("flow_jobs", "session_id"), SQLDataType.UUID);
        static final Field<String> KIND = field(name("flow_jobs", "kind"), SQLDataType.CLOB);
        static final Field<Integer> WAIT_SEQ = field(name("flow_jobs", "wait_seq"), SQLDataType.INTEGER);
        static final Field<Instant> DUE_AT = field(name("flow_jobs", "due_at"), SQLDataType.INSTANT);
        static final Field<Integer> ATTEMPTS = field(name("flow_jobs", "attempts"), SQLDataType.INTEGER);
    }
}
