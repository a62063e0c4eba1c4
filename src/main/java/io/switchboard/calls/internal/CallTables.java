package io.switchboard.calls.internal;

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

/** Tables of V18__calls.sql. */
final class CallTables {

    private CallTables() {}

    static final class Calls {
        static final Table<?> T = table(name("calls"));
        static final Field<UUID> ID = f("id", SQLDataType.UUID);
        static final Field<UUID> ORG_ID = f("org_id", SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = f("contact_id", SQLDataType.UUID);
        static final Field<UUID> AGENT_ID = f("agent_id", SQLDataType.UUID);
        static final Field<UUID> SALES_SCRIPT_ID = f("sales_script_id", SQLDataType.UUID);
        static final Field<String> PHONE_NUMBER = f("phone_number", SQLDataType.CLOB);
        static final Field<String> STATUS = f("status", SQLDataType.CLOB);
        static final Field<String> PROVIDER = f("provider", SQLDataType.CLOB);
        static final Field<String> PROVIDER_CALL_ID = f("provider_call_id", SQLDataType.CLOB);
        static final Field<String> TASK = f("task", SQLDataType.CLOB);
        static final Field<String> FIRST_SENTENCE = f("first_sentence", SQLDataType.CLOB);
        static final Field<String> VOICE = f("voice", SQLDataType.CLOB);
        static final Field<String> LANGUAGE = f("language", SQLDataType.CLOB);
        static final Field<Integer> MAX_DURATION = f("max_duration_minutes", SQLDataType.INTEGER);
        static final Field<Integer> REQUESTED_DURATION = f("requested_duration_minutes", SQLDataType.INTEGER);
        static final Field<String> TRANSFER_NUMBER = f("transfer_number", SQLDataType.CLOB);
        static final Field<Boolean> RECORD = f("record", SQLDataType.BOOLEAN);
        static final Field<JSONB> METADATA = f("metadata", SQLDataType.JSONB);
        static final Field<Instant> SCHEDULED_AT = f("scheduled_at", SQLDataType.INSTANT);
        static final Field<Instant> STARTED_AT = f("started_at", SQLDataType.INSTANT);
        static final Field<Instant> ANSWERED_AT = f("answered_at", SQLDataType.INSTANT);
        static final Field<Instant> ENDED_AT = f("ended_at", SQLDataType.INSTANT);
        static final Field<Integer> DURATION_SECONDS = f("duration_seconds", SQLDataType.INTEGER);
        static final Field<String> ANSWERED_BY = f("answered_by", SQLDataType.CLOB);
        static final Field<String> ENDED_REASON = f("ended_reason", SQLDataType.CLOB);
        static final Field<Long> RATE = f("rate_per_minute_minor", SQLDataType.BIGINT);
        static final Field<UUID> HOLD_ID = f("hold_id", SQLDataType.UUID);
        static final Field<Long> HOLD_MINOR = f("hold_minor", SQLDataType.BIGINT);
        static final Field<Long> COST_MINOR = f("cost_minor", SQLDataType.BIGINT);
        static final Field<String> CURRENCY = f("currency", SQLDataType.CLOB);
        static final Field<String> SUMMARY = f("summary", SQLDataType.CLOB);
        static final Field<String> OUTCOME = f("outcome", SQLDataType.CLOB);
        static final Field<JSONB> FIELDS = f("fields", SQLDataType.JSONB);
        static final Field<String> RECORDING_KEY = f("recording_key", SQLDataType.CLOB);
        static final Field<String> PROVIDER_RECORDING_URL = f("provider_recording_url", SQLDataType.CLOB);
        static final Field<Instant> FINALIZED_AT = f("finalized_at", SQLDataType.INSTANT);
        static final Field<String> IDEMPOTENCY_KEY = f("idempotency_key", SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = f("created_at", SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = f("updated_at", SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                CONTACT_ID,
                AGENT_ID,
                SALES_SCRIPT_ID,
                PHONE_NUMBER,
                STATUS,
                PROVIDER,
                PROVIDER_CALL_ID,
                TASK,
                FIRST_SENTENCE,
                VOICE,
                LANGUAGE,
                MAX_DURATION,
                REQUESTED_DURATION,
                TRANSFER_NUMBER,
                RECORD,
                METADATA,
                SCHEDULED_AT,
                STARTED_AT,
                ANSWERED_AT,
                ENDED_AT,
                DURATION_SECONDS,
                ANSWERED_BY,
                ENDED_REASON,
                RATE,
                HOLD_ID,
                HOLD_MINOR,
                COST_MINOR,
                CURRENCY,
                SUMMARY,
                OUTCOME,
                FIELDS,
                RECORDING_KEY,
                PROVIDER_RECORDING_URL,
                FINALIZED_AT,
                IDEMPOTENCY_KEY,
                CREATED_AT,
                UPDATED_AT);

        private static <T> Field<T> f(String column, org.jooq.DataType<T> type) {
            return field(name("calls", column), type);
        }
    }

    static final class Turns {
        static final Table<?> T = table(name("call_turns"));
        static final Field<UUID> CALL_ID = field(name("call_turns", "call_id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("call_turns", "org_id"), SQLDataType.UUID);
        static final Field<Integer> IDX = field(name("call_turns", "idx"), SQLDataType.INTEGER);
        static final Field<String> SPEAKER = field(name("call_turns", "speaker"), SQLDataType.CLOB);
        static final Field<String> TEXT = field(name("call_turns", "text"), SQLDataType.CLOB);
        static final Field<Double> AT_SECONDS = field(name("call_turns", "at_seconds"), SQLDataType.DOUBLE);
    }

    static final class Jobs {
        static final Table<?> T = table(name("call_jobs"));
        static final Field<Long> ID = field(name("call_jobs", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("call_jobs", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CALL_ID = field(name("call_jobs", "call_id"), SQLDataType.UUID);
        static final Field<String> KIND = field(name("call_jobs", "kind"), SQLDataType.CLOB);
        static final Field<Integer> STEP = field(name("call_jobs", "step"), SQLDataType.INTEGER);
        static final Field<Instant> DUE_AT = field(name("call_jobs", "due_at"), SQLDataType.INSTANT);
        static final Field<Integer> ATTEMPTS = field(name("call_jobs", "attempts"), SQLDataType.INTEGER);
        static final Field<String> LAST_ERROR = field(name("call_jobs", "last_error"), SQLDataType.CLOB);
    }

    static final class WebhookEvents {
        static final Table<?> T = table(name("call_webhook_events"));
        static final Field<Long> ID = field(name("call_webhook_events", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("call_webhook_events", "org_id"), SQLDataType.UUID);
        static final Field<String> PROVIDER = field(name("call_webhook_events", "provider"), SQLDataType.CLOB);
        static final Field<String> PROVIDER_CALL_ID =
                field(name("call_webhook_events", "provider_call_id"), SQLDataType.CLOB);
        static final Field<String> BODY_SHA256 = field(name("call_webhook_events", "body_sha256"), SQLDataType.CLOB);
        static final Field<String> BODY = field(name("call_webhook_events", "body"), SQLDataType.CLOB);
        static final Field<Instant> RECEIVED_AT =
                field(name("call_webhook_events", "received_at"), SQLDataType.INSTANT);
        static final Field<Instant> PROCESSED_AT =
                field(name("call_webhook_events", "processed_at"), SQLDataType.INSTANT);
        static final Field<Integer> ATTEMPTS = field(name("call_webhook_events", "attempts"), SQLDataType.INTEGER);
        static final Field<String> LAST_ERROR = field(name("call_webhook_events", "last_error"), SQLDataType.CLOB);
    }

    static final class Rates {
        static final Table<?> T = table(name("call_rates"));
        static final Field<UUID> ORG_ID = field(name("call_rates", "org_id"), SQLDataType.UUID);
        static final Field<String> PROVIDER = field(name("call_rates", "provider"), SQLDataType.CLOB);
        static final Field<Long> RATE = field(name("call_rates", "rate_per_minute_minor"), SQLDataType.BIGINT);
        static final Field<Instant> UPDATED_AT = field(name("call_rates", "updated_at"), SQLDataType.INSTANT);
    }

    static final class Settings {
        static final Table<?> T = table(name("call_settings"));
        static final Field<UUID> ORG_ID = field(name("call_settings", "org_id"), SQLDataType.UUID);
        static final Field<JSONB> LLM_CHAIN = field(name("call_settings", "llm_chain"), SQLDataType.JSONB);
        static final Field<Instant> UPDATED_AT = field(name("call_settings", "updated_at"), SQLDataType.INSTANT);
    }

    static final class Scripts {
        static final Table<?> T = table(name("sales_scripts"));
        static final Field<UUID> ID = field(name("sales_scripts", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("sales_scripts", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("sales_scripts", "contact_id"), SQLDataType.UUID);
        static final Field<String> PRODUCT = field(name("sales_scripts", "product"), SQLDataType.CLOB);
        static final Field<String> GOAL = field(name("sales_scripts", "goal"), SQLDataType.CLOB);
        static final Field<String> TONE = field(name("sales_scripts", "tone"), SQLDataType.CLOB);
        static final Field<String> SOURCE = field(name("sales_scripts", "source"), SQLDataType.CLOB);
        static final Field<Integer> VERSION = field(name("sales_scripts", "version"), SQLDataType.INTEGER);
        static final Field<Instant> CREATED_AT = field(name("sales_scripts", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("sales_scripts", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL =
                List.of(ID, ORG_ID, CONTACT_ID, PRODUCT, GOAL, TONE, SOURCE, VERSION, CREATED_AT, UPDATED_AT);
    }

    static final class ScriptVersions {
        static final Table<?> T = table(name("sales_script_versions"));
        static final Field<UUID> SCRIPT_ID = field(name("sales_script_versions", "script_id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("sales_script_versions", "org_id"), SQLDataType.UUID);
        static final Field<Integer> VERSION = field(name("sales_script_versions", "version"), SQLDataType.INTEGER);
        static final Field<String> TEXT = field(name("sales_script_versions", "text"), SQLDataType.CLOB);
        static final Field<String> FIRST_SENTENCE =
                field(name("sales_script_versions", "first_sentence"), SQLDataType.CLOB);
        static final Field<UUID> EDITED_BY = field(name("sales_script_versions", "edited_by"), SQLDataType.UUID);
        static final Field<Instant> CREATED_AT =
                field(name("sales_script_versions", "created_at"), SQLDataType.INSTANT);
    }

    static final class LogSheets {
        static final Table<?> T = table(name("call_log_sheets"));
        static final Field<UUID> ORG_ID = field(name("call_log_sheets", "org_id"), SQLDataType.UUID);
        static final Field<String> SPREADSHEET_ID = field(name("call_log_sheets", "spreadsheet_id"), SQLDataType.CLOB);
        static final Field<String> SHEET_NAME = field(name("call_log_sheets", "sheet_name"), SQLDataType.CLOB);
        static final Field<byte[]> CREDENTIALS = field(name("call_log_sheets", "credentials"), SQLDataType.BLOB);
        static final Field<Boolean> ENABLED = field(name("call_log_sheets", "enabled"), SQLDataType.BOOLEAN);
        static final Field<String> LAST_ERROR = field(name("call_log_sheets", "last_error"), SQLDataType.CLOB);
        static final Field<Instant> LAST_EXPORT_AT =
                field(name("call_log_sheets", "last_export_at"), SQLDataType.INSTANT);
        static final Field<Instant> LAST_ATTEMPT_AT =
                field(name("call_log_sheets", "last_attempt_at"), SQLDataType.INSTANT);
        static final Field<String> SERVICE_ACCOUNT_EMAIL =
                field(name("call_log_sheets", "service_account_email"), SQLDataType.CLOB);
        static final Field<Instant> UPDATED_AT = field(name("call_log_sheets", "updated_at"), SQLDataType.INSTANT);
    }

    static final class LogExports {
        static final Table<?> T = table(name("call_log_exports"));
        static final Field<UUID> CALL_ID = field(name("call_log_exports", "call_id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("call_log_exports", "org_id"), SQLDataType.UUID);
        static final Field<Integer> ATTEMPTS = field(name("call_log_exports", "attempts"), SQLDataType.INTEGER);
        static final Field<Instant> NEXT_ATTEMPT_AT =
                field(name("call_log_exports", "next_attempt_at"), SQLDataType.INSTANT);
        static final Field<String> LAST_ERROR = field(name("call_log_exports", "last_error"), SQLDataType.CLOB);
    }
}
