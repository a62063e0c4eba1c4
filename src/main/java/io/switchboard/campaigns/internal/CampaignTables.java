package io.switchboard.campaigns.internal;

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

/** Tables of V27__campaigns_and_templates.sql. */
final class CampaignTables {

    private CampaignTables() {}

    static final class Templates {
        static final Table<?> T = table(name("message_templates"));
        static final Field<UUID> ID = field(name("message_templates", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("message_templates", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CHANNEL_ID = field(name("message_templates", "channel_id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("message_templates", "name"), SQLDataType.CLOB);
        static final Field<String> LANGUAGE = field(name("message_templates", "language"), SQLDataType.CLOB);
        static final Field<String> CATEGORY = field(name("message_templates", "category"), SQLDataType.CLOB);
        static final Field<String> HEADER = field(name("message_templates", "header"), SQLDataType.CLOB);
        static final Field<String> BODY = field(name("message_templates", "body"), SQLDataType.CLOB);
        static final Field<String> FOOTER = field(name("message_templates", "footer"), SQLDataType.CLOB);
        static final Field<JSONB> BUTTONS = field(name("message_templates", "buttons"), SQLDataType.JSONB);
        static final Field<JSONB> VARIABLES = field(name("message_templates", "variables"), SQLDataType.JSONB);
        static final Field<String> STATUS = field(name("message_templates", "status"), SQLDataType.CLOB);
        static final Field<String> STATUS_REASON = field(name("message_templates", "status_reason"), SQLDataType.CLOB);
        static final Field<String> PROVIDER_TEMPLATE_ID =
                field(name("message_templates", "provider_template_id"), SQLDataType.CLOB);
        static final Field<Instant> SUBMITTED_AT =
                field(name("message_templates", "submitted_at"), SQLDataType.INSTANT);
        static final Field<Instant> STATUS_CHECKED_AT =
                field(name("message_templates", "status_checked_at"), SQLDataType.INSTANT);
        static final Field<Instant> CREATED_AT = field(name("message_templates", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("message_templates", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                CHANNEL_ID,
                NAME,
                LANGUAGE,
                CATEGORY,
                HEADER,
                BODY,
                FOOTER,
                BUTTONS,
                VARIABLES,
                STATUS,
                STATUS_REASON,
                PROVIDER_TEMPLATE_ID,
                SUBMITTED_AT,
                STATUS_CHECKED_AT,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class Campaigns {
        static final Table<?> T = table(name("campaigns"));
        static final Field<UUID> ID = field(name("campaigns", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("campaigns", "org_id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("campaigns", "name"), SQLDataType.CLOB);
        static final Field<UUID> CHANNEL_ID = field(name("campaigns", "channel_id"), SQLDataType.UUID);
        static final Field<UUID> TEMPLATE_ID = field(name("campaigns", "template_id"), SQLDataType.UUID);
        static final Field<JSONB> VARIABLE_SOURCES = field(name("campaigns", "variable_sources"), SQLDataType.JSONB);
        static final Field<JSONB> AUDIENCE = field(name("campaigns", "audience"), SQLDataType.JSONB);
        static final Field<Boolean> REQUIRE_CONSENT = field(name("campaigns", "require_consent"), SQLDataType.BOOLEAN);
        static final Field<String> STATUS = field(name("campaigns", "status"), SQLDataType.CLOB);
        static final Field<Instant> SCHEDULED_AT = field(name("campaigns", "scheduled_at"), SQLDataType.INSTANT);
        static final Field<String> TIME_ZONE = field(name("campaigns", "time_zone"), SQLDataType.CLOB);
        static final Field<Double> RATE_PER_SECOND = field(name("campaigns", "rate_per_second"), SQLDataType.DOUBLE);
        static final Field<Long> PRICE_MINOR = field(name("campaigns", "price_minor"), SQLDataType.BIGINT);
        static final Field<UUID> CREDIT_HOLD_ID = field(name("campaigns", "credit_hold_id"), SQLDataType.UUID);
        static final Field<Integer> EXCLUDED_OPTED_OUT =
                field(name("campaigns", "excluded_opted_out"), SQLDataType.INTEGER);
        static final Field<Integer> EXCLUDED_NO_CONSENT =
                field(name("campaigns", "excluded_no_consent"), SQLDataType.INTEGER);
        static final Field<Integer> CSV_ROWS = field(name("campaigns", "csv_rows"), SQLDataType.INTEGER);
        static final Field<Integer> CSV_FAILED = field(name("campaigns", "csv_failed"), SQLDataType.INTEGER);
        static final Field<Instant> FANNED_OUT_AT = field(name("campaigns", "fanned_out_at"), SQLDataType.INSTANT);
        static final Field<Instant> STARTED_AT = field(name("campaigns", "started_at"), SQLDataType.INSTANT);
        static final Field<Instant> COMPLETED_AT = field(name("campaigns", "completed_at"), SQLDataType.INSTANT);
        static final Field<UUID> CREATED_BY = field(name("campaigns", "created_by"), SQLDataType.UUID);
        static final Field<Instant> CREATED_AT = field(name("campaigns", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("campaigns", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                NAME,
                CHANNEL_ID,
                TEMPLATE_ID,
                VARIABLE_SOURCES,
                AUDIENCE,
                REQUIRE_CONSENT,
                STATUS,
                SCHEDULED_AT,
                TIME_ZONE,
                RATE_PER_SECOND,
                PRICE_MINOR,
                CREDIT_HOLD_ID,
                EXCLUDED_OPTED_OUT,
                EXCLUDED_NO_CONSENT,
                CSV_ROWS,
                CSV_FAILED,
                FANNED_OUT_AT,
                STARTED_AT,
                COMPLETED_AT,
                CREATED_BY,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class CsvRows {
        static final Table<?> T = table(name("campaign_csv_rows"));
        static final Field<UUID> ORG_ID = field(name("campaign_csv_rows", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CAMPAIGN_ID = field(name("campaign_csv_rows", "campaign_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("campaign_csv_rows", "contact_id"), SQLDataType.UUID);
        static final Field<Long> LINE = field(name("campaign_csv_rows", "line"), SQLDataType.BIGINT);
        static final Field<JSONB> COLUMNS = field(name("campaign_csv_rows", "columns"), SQLDataType.JSONB);
        static final List<Field<?>> ALL = List.of(ORG_ID, CAMPAIGN_ID, CONTACT_ID, LINE, COLUMNS);
    }

    static final class Recipients {
        static final Table<?> T = table(name("campaign_recipients"));
        static final Field<Long> ID = field(name("campaign_recipients", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("campaign_recipients", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CAMPAIGN_ID = field(name("campaign_recipients", "campaign_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("campaign_recipients", "contact_id"), SQLDataType.UUID);
        static final Field<JSONB> COLUMNS = field(name("campaign_recipients", "columns"), SQLDataType.JSONB);
        static final Field<String> STATUS = field(name("campaign_recipients", "status"), SQLDataType.CLOB);
        static final Field<UUID> MESSAGE_ID = field(name("campaign_recipients", "message_id"), SQLDataType.UUID);
        static final Field<UUID> CONVERSATION_ID =
                field(name("campaign_recipients", "conversation_id"), SQLDataType.UUID);
        static final Field<String> DELIVERY_STATE =
                field(name("campaign_recipients", "delivery_state"), SQLDataType.CLOB);
        static final Field<String> ERROR = field(name("campaign_recipients", "error"), SQLDataType.CLOB);
        static final Field<Instant> QUEUED_AT = field(name("campaign_recipients", "queued_at"), SQLDataType.INSTANT);
        static final Field<Instant> REPLIED_AT = field(name("campaign_recipients", "replied_at"), SQLDataType.INSTANT);
        static final Field<UUID> REPLY_MESSAGE_ID =
                field(name("campaign_recipients", "reply_message_id"), SQLDataType.UUID);
        static final Field<Instant> OPTED_OUT_AT =
                field(name("campaign_recipients", "opted_out_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                CAMPAIGN_ID,
                CONTACT_ID,
                COLUMNS,
                STATUS,
                MESSAGE_ID,
                CONVERSATION_ID,
                DELIVERY_STATE,
                ERROR,
                QUEUED_AT,
                REPLIED_AT,
                REPLY_MESSAGE_ID,
                OPTED_OUT_AT);
    }
}
