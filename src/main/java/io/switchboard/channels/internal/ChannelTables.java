package io.switchboard.channels.internal;

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

/** Tables of V4__channels.sql. */
final class ChannelTables {

    private ChannelTables() {}

    static final class Channels {
        static final Table<?> T = table(name("channels"));
        static final Field<UUID> ID = field(name("channels", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("channels", "org_id"), SQLDataType.UUID);
        static final Field<String> TYPE = field(name("channels", "type"), SQLDataType.CLOB);
        static final Field<String> NAME = field(name("channels", "name"), SQLDataType.CLOB);
        static final Field<String> PUBLIC_ID = field(name("channels", "public_id"), SQLDataType.CLOB);
        static final Field<JSONB> CONFIG = field(name("channels", "config"), SQLDataType.JSONB);
        static final Field<byte[]> SECRETS = field(name("channels", "secrets"), SQLDataType.BLOB);
        static final Field<UUID> AGENT_ID = field(name("channels", "agent_id"), SQLDataType.UUID);
        static final Field<Boolean> ENABLED = field(name("channels", "enabled"), SQLDataType.BOOLEAN);
        static final Field<Double> RATE_PER_SECOND = field(name("channels", "rate_per_second"), SQLDataType.DOUBLE);
        static final Field<Instant> CREATED_AT = field(name("channels", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("channels", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                TYPE,
                NAME,
                PUBLIC_ID,
                CONFIG,
                SECRETS,
                AGENT_ID,
                ENABLED,
                RATE_PER_SECOND,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class InboundEvents {
        static final Table<?> T = table(name("inbound_events"));
        static final Field<Long> ID = field(name("inbound_events", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("inbound_events", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CHANNEL_ID = field(name("inbound_events", "channel_id"), SQLDataType.UUID);
        static final Field<String> PAYLOAD = field(name("inbound_events", "payload"), SQLDataType.CLOB);
        static final Field<String> CONTENT_TYPE = field(name("inbound_events", "content_type"), SQLDataType.CLOB);
        static final Field<String> STATUS = field(name("inbound_events", "status"), SQLDataType.CLOB);
        static final Field<Integer> ATTEMPTS = field(name("inbound_events", "attempts"), SQLDataType.INTEGER);
        static final Field<Instant> NEXT_ATTEMPT_AT =
                field(name("inbound_events", "next_attempt_at"), SQLDataType.INSTANT);
        static final Field<String> LAST_ERROR = field(name("inbound_events", "last_error"), SQLDataType.CLOB);
        static final Field<Instant> RECEIVED_AT = field(name("inbound_events", "received_at"), SQLDataType.INSTANT);
        static final Field<Instant> PROCESSED_AT = field(name("inbound_events", "processed_at"), SQLDataType.INSTANT);
        static final Field<Instant> CLAIMED_AT = field(name("inbound_events", "claimed_at"), SQLDataType.INSTANT);
    }

    static final class Outbound {
        static final Table<?> T = table(name("outbound_messages"));
        static final Field<Long> ID = field(name("outbound_messages", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("outbound_messages", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CHANNEL_ID = field(name("outbound_messages", "channel_id"), SQLDataType.UUID);
        static final Field<UUID> MESSAGE_ID = field(name("outbound_messages", "message_id"), SQLDataType.UUID);
        static final Field<String> RECIPIENT = field(name("outbound_messages", "recipient"), SQLDataType.CLOB);
        static final Field<String> STATUS = field(name("outbound_messages", "status"), SQLDataType.CLOB);
        static final Field<Integer> ATTEMPTS = field(name("outbound_messages", "attempts"), SQLDataType.INTEGER);
        static final Field<Instant> NEXT_ATTEMPT_AT =
                field(name("outbound_messages", "next_attempt_at"), SQLDataType.INSTANT);
        static final Field<String> PROVIDER_MESSAGE_ID =
                field(name("outbound_messages", "provider_message_id"), SQLDataType.CLOB);
        static final Field<String> LAST_ERROR = field(name("outbound_messages", "last_error"), SQLDataType.CLOB);
        static final Field<Instant> CLAIMED_AT = field(name("outbound_messages", "claimed_at"), SQLDataType.INSTANT);
        static final Field<UUID> CLAIM_ID = field(name("outbound_messages", "claim_id"), SQLDataType.UUID);
        static final Field<Instant> CREATED_AT = field(name("outbound_messages", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> SENT_AT = field(name("outbound_messages", "sent_at"), SQLDataType.INSTANT);
        static final Field<String> PACE_KEY = field(name("outbound_messages", "pace_key"), SQLDataType.CLOB);
        static final Field<Double> PACE_RATE = field(name("outbound_messages", "pace_rate"), SQLDataType.DOUBLE);
    }

    /** V11__files_and_media.sql: media still to fetch from a provider. */
    static final class MediaFetches {
        static final Table<?> T = table(name("media_fetches"));
        static final Field<Long> ID = field(name("media_fetches", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("media_fetches", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CHANNEL_ID = field(name("media_fetches", "channel_id"), SQLDataType.UUID);
        static final Field<UUID> MESSAGE_ID = field(name("media_fetches", "message_id"), SQLDataType.UUID);
        static final Field<String> STATUS = field(name("media_fetches", "status"), SQLDataType.CLOB);
        static final Field<Integer> ATTEMPTS = field(name("media_fetches", "attempts"), SQLDataType.INTEGER);
        static final Field<Instant> NEXT_ATTEMPT_AT =
                field(name("media_fetches", "next_attempt_at"), SQLDataType.INSTANT);
        static final Field<Instant> CLAIMED_AT = field(name("media_fetches", "claimed_at"), SQLDataType.INSTANT);
        static final Field<String> LAST_ERROR = field(name("media_fetches", "last_error"), SQLDataType.CLOB);
    }
}
