package io.switchboard.webhooks.internal;

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

/** Tables of V22__outbound_webhooks.sql. */
final class WebhookTables {

    private WebhookTables() {}

    static final class Endpoints {
        static final Table<?> T = table(name("webhook_endpoints"));
        static final Field<UUID> ID = field(name("webhook_endpoints", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("webhook_endpoints", "org_id"), SQLDataType.UUID);
        static final Field<String> URL = field(name("webhook_endpoints", "url"), SQLDataType.CLOB);
        static final Field<String> DESCRIPTION = field(name("webhook_endpoints", "description"), SQLDataType.CLOB);
        static final Field<String[]> EVENT_TYPES =
                field(name("webhook_endpoints", "event_types"), SQLDataType.CLOB.array());
        static final Field<Boolean> ENABLED = field(name("webhook_endpoints", "enabled"), SQLDataType.BOOLEAN);
        static final Field<String> DISABLED_REASON =
                field(name("webhook_endpoints", "disabled_reason"), SQLDataType.CLOB);
        static final Field<Instant> DISABLED_AT = field(name("webhook_endpoints", "disabled_at"), SQLDataType.INSTANT);
        static final Field<byte[]> SECRET = field(name("webhook_endpoints", "secret_enc"), SQLDataType.BLOB);
        static final Field<byte[]> PREVIOUS_SECRET =
                field(name("webhook_endpoints", "previous_secret_enc"), SQLDataType.BLOB);
        static final Field<Instant> PREVIOUS_SECRET_EXPIRES_AT =
                field(name("webhook_endpoints", "previous_secret_expires_at"), SQLDataType.INSTANT);
        static final Field<Instant> CREATED_AT = field(name("webhook_endpoints", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("webhook_endpoints", "updated_at"), SQLDataType.INSTANT);
        /** Everything a view needs (the secrets stay out). */
        static final List<Field<?>> VIEW = List.of(
                ID,
                URL,
                DESCRIPTION,
                EVENT_TYPES,
                ENABLED,
                DISABLED_REASON,
                DISABLED_AT,
                PREVIOUS_SECRET_EXPIRES_AT,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class Messages {
        static final Table<?> T = table(name("webhook_messages"));
        static final Field<UUID> ID = field(name("webhook_messages", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("webhook_messages", "org_id"), SQLDataType.UUID);
        static final Field<String> EVENT_TYPE = field(name("webhook_messages", "event_type"), SQLDataType.CLOB);
        static final Field<String> PAYLOAD = field(name("webhook_messages", "payload"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("webhook_messages", "created_at"), SQLDataType.INSTANT);
    }

    static final class Deliveries {
        static final Table<?> T = table(name("webhook_deliveries"));
        static final Field<UUID> ID = field(name("webhook_deliveries", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("webhook_deliveries", "org_id"), SQLDataType.UUID);
        static final Field<UUID> ENDPOINT_ID = field(name("webhook_deliveries", "endpoint_id"), SQLDataType.UUID);
        static final Field<UUID> MESSAGE_ID = field(name("webhook_deliveries", "message_id"), SQLDataType.UUID);
        static final Field<String> STATUS = field(name("webhook_deliveries", "status"), SQLDataType.CLOB);
        static final Field<Integer> ATTEMPTS = field(name("webhook_deliveries", "attempts"), SQLDataType.INTEGER);
        static final Field<Integer> FAILURES = field(name("webhook_deliveries", "failures"), SQLDataType.INTEGER);
        static final Field<Instant> NEXT_ATTEMPT_AT =
                field(name("webhook_deliveries", "next_attempt_at"), SQLDataType.INSTANT);
        static final Field<UUID> CLAIM_ID = field(name("webhook_deliveries", "claim_id"), SQLDataType.UUID);
        static final Field<Instant> CLAIMED_AT = field(name("webhook_deliveries", "claimed_at"), SQLDataType.INSTANT);
        static final Field<Instant> LAST_ATTEMPT_AT =
                field(name("webhook_deliveries", "last_attempt_at"), SQLDataType.INSTANT);
        static final Field<Integer> LAST_STATUS = field(name("webhook_deliveries", "last_status"), SQLDataType.INTEGER);
        static final Field<String> LAST_ERROR = field(name("webhook_deliveries", "last_error"), SQLDataType.CLOB);
        static final Field<Instant> DELIVERED_AT =
                field(name("webhook_deliveries", "delivered_at"), SQLDataType.INSTANT);
        static final Field<Instant> CREATED_AT = field(name("webhook_deliveries", "created_at"), SQLDataType.INSTANT);
    }

    static final class Attempts {
        static final Table<?> T = table(name("webhook_attempts"));
        static final Field<Long> ID = field(name("webhook_attempts", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("webhook_attempts", "org_id"), SQLDataType.UUID);
        static final Field<UUID> DELIVERY_ID = field(name("webhook_attempts", "delivery_id"), SQLDataType.UUID);
        static final Field<Instant> ATTEMPTED_AT = field(name("webhook_attempts", "attempted_at"), SQLDataType.INSTANT);
        static final Field<JSONB> REQUEST_HEADERS =
                field(name("webhook_attempts", "request_headers"), SQLDataType.JSONB);
        static final Field<Integer> RESPONSE_STATUS =
                field(name("webhook_attempts", "response_status"), SQLDataType.INTEGER);
        static final Field<String> RESPONSE_BODY = field(name("webhook_attempts", "response_body"), SQLDataType.CLOB);
        static final Field<String> ERROR = field(name("webhook_attempts", "error"), SQLDataType.CLOB);
        static final Field<Integer> DURATION_MS = field(name("webhook_attempts", "duration_ms"), SQLDataType.INTEGER);
    }
}
