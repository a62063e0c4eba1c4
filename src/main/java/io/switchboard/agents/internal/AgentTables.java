package io.switchboard.agents.internal;

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

/** Tables of V9__agents.sql. */
final class AgentTables {

    private AgentTables() {}

    static final class Agents {
        static final Table<?> T = table(name("agents"));
        static final Field<UUID> ID = field(name("agents", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("agents", "org_id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("agents", "name"), SQLDataType.CLOB);
        static final Field<JSONB> SETTINGS = field(name("agents", "settings"), SQLDataType.JSONB);
        static final Field<byte[]> TOOL_SECRETS = field(name("agents", "tool_secrets"), SQLDataType.BLOB);
        static final Field<Instant> CREATED_AT = field(name("agents", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("agents", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(ID, ORG_ID, NAME, SETTINGS, TOOL_SECRETS, CREATED_AT, UPDATED_AT);
    }

    static final class Runs {
        static final Table<?> T = table(name("agent_runs"));
        static final Field<UUID> ID = field(name("agent_runs", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("agent_runs", "org_id"), SQLDataType.UUID);
        static final Field<UUID> AGENT_ID = field(name("agent_runs", "agent_id"), SQLDataType.UUID);
        static final Field<String> SOURCE = field(name("agent_runs", "source"), SQLDataType.CLOB);
        static final Field<UUID> CONVERSATION_ID = field(name("agent_runs", "conversation_id"), SQLDataType.UUID);
        static final Field<UUID> INBOUND_MESSAGE_ID = field(name("agent_runs", "inbound_message_id"), SQLDataType.UUID);
        static final Field<UUID> REPLY_MESSAGE_ID = field(name("agent_runs", "reply_message_id"), SQLDataType.UUID);
        static final Field<String> OUTCOME = field(name("agent_runs", "outcome"), SQLDataType.CLOB);
        static final Field<JSONB> TRACE = field(name("agent_runs", "trace"), SQLDataType.JSONB);
        static final Field<Integer> TOTAL_LATENCY_MS =
                field(name("agent_runs", "total_latency_ms"), SQLDataType.INTEGER);
        static final Field<Instant> CREATED_AT = field(name("agent_runs", "created_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                AGENT_ID,
                SOURCE,
                CONVERSATION_ID,
                INBOUND_MESSAGE_ID,
                REPLY_MESSAGE_ID,
                OUTCOME,
                TRACE,
                TOTAL_LATENCY_MS,
                CREATED_AT);
    }

    static final class Callbacks {
        static final Table<?> T = table(name("callback_requests"));
        static final Field<UUID> ID = field(name("callback_requests", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("callback_requests", "org_id"), SQLDataType.UUID);
        static final Field<UUID> AGENT_ID = field(name("callback_requests", "agent_id"), SQLDataType.UUID);
        static final Field<UUID> CONVERSATION_ID =
                field(name("callback_requests", "conversation_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("callback_requests", "contact_id"), SQLDataType.UUID);
        static final Field<String> PHONE = field(name("callback_requests", "phone"), SQLDataType.CLOB);
        static final Field<Instant> REQUESTED_FOR =
                field(name("callback_requests", "requested_for"), SQLDataType.INSTANT);
        static final Field<String> NOTE = field(name("callback_requests", "note"), SQLDataType.CLOB);
        static final Field<String> STATUS = field(name("callback_requests", "status"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("callback_requests", "created_at"), SQLDataType.INSTANT);
    }

    static final class ConversationState {
        static final Table<?> T = table(name("agent_conversation_state"));
        static final Field<UUID> CONVERSATION_ID =
                field(name("agent_conversation_state", "conversation_id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("agent_conversation_state", "org_id"), SQLDataType.UUID);
        static final Field<String> SUMMARY = field(name("agent_conversation_state", "summary"), SQLDataType.CLOB);
        static final Field<Integer> SUMMARY_TURNS =
                field(name("agent_conversation_state", "summary_turns"), SQLDataType.INTEGER);
        static final Field<Integer> FAILED_IN_ROW =
                field(name("agent_conversation_state", "failed_in_row"), SQLDataType.INTEGER);
        static final Field<Instant> UPDATED_AT =
                field(name("agent_conversation_state", "updated_at"), SQLDataType.INSTANT);
    }

    static final class PlaygroundTurns {
        static final Table<?> T = table(name("agent_playground_turns"));
        static final Field<Long> ID = field(name("agent_playground_turns", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("agent_playground_turns", "org_id"), SQLDataType.UUID);
        static final Field<UUID> SESSION_ID = field(name("agent_playground_turns", "session_id"), SQLDataType.UUID);
        static final Field<UUID> AGENT_ID = field(name("agent_playground_turns", "agent_id"), SQLDataType.UUID);
        static final Field<String> SPEAKER = field(name("agent_playground_turns", "speaker"), SQLDataType.CLOB);
        static final Field<String> TEXT = field(name("agent_playground_turns", "text"), SQLDataType.CLOB);
    }
}
