package io.switchboard.llm.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Tables of V7__llm.sql. */
final class LlmTables {

    private LlmTables() {}

    static final class Providers {
        static final Table<?> T = table(name("llm_providers"));
        static final Field<UUID> ID = field(name("llm_providers", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("llm_providers", "org_id"), SQLDataType.UUID);
        static final Field<String> TYPE = field(name("llm_providers", "type"), SQLDataType.CLOB);
        static final Field<String> NAME = field(name("llm_providers", "name"), SQLDataType.CLOB);
        static final Field<String> BASE_URL = field(name("llm_providers", "base_url"), SQLDataType.CLOB);
        static final Field<byte[]> API_KEY = field(name("llm_providers", "api_key"), SQLDataType.BLOB);
        static final Field<String> MODEL = field(name("llm_providers", "model"), SQLDataType.CLOB);
        static final Field<Double> TEMPERATURE = field(name("llm_providers", "temperature"), SQLDataType.DOUBLE);
        static final Field<Integer> MAX_OUTPUT_TOKENS =
                field(name("llm_providers", "max_output_tokens"), SQLDataType.INTEGER);
        static final Field<Boolean> ENABLED = field(name("llm_providers", "enabled"), SQLDataType.BOOLEAN);
        static final Field<Instant> CREATED_AT = field(name("llm_providers", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("llm_providers", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                TYPE,
                NAME,
                BASE_URL,
                API_KEY,
                MODEL,
                TEMPERATURE,
                MAX_OUTPUT_TOKENS,
                ENABLED,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class DefaultPrices {
        static final Table<?> T = table(name("llm_default_prices"));
        static final Field<String> MODEL = field(name("llm_default_prices", "model"), SQLDataType.CLOB);
        static final Field<Long> INPUT = field(name("llm_default_prices", "input_micros_per_mtok"), SQLDataType.BIGINT);
        static final Field<Long> OUTPUT =
                field(name("llm_default_prices", "output_micros_per_mtok"), SQLDataType.BIGINT);
    }

    static final class Prices {
        static final Table<?> T = table(name("llm_prices"));
        static final Field<UUID> ORG_ID = field(name("llm_prices", "org_id"), SQLDataType.UUID);
        static final Field<String> MODEL = field(name("llm_prices", "model"), SQLDataType.CLOB);
        static final Field<Long> INPUT = field(name("llm_prices", "input_micros_per_mtok"), SQLDataType.BIGINT);
        static final Field<Long> OUTPUT = field(name("llm_prices", "output_micros_per_mtok"), SQLDataType.BIGINT);
        static final Field<Instant> UPDATED_AT = field(name("llm_prices", "updated_at"), SQLDataType.INSTANT);
    }

    static final class Calls {
        static final Table<?> T = table(name("llm_calls"));
        static final Field<Long> ID = field(name("llm_calls", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("llm_calls", "org_id"), SQLDataType.UUID);
        static final Field<UUID> PROVIDER_ID = field(name("llm_calls", "provider_id"), SQLDataType.UUID);
        static final Field<String> PROVIDER_TYPE = field(name("llm_calls", "provider_type"), SQLDataType.CLOB);
        static final Field<String> PROVIDER_NAME = field(name("llm_calls", "provider_name"), SQLDataType.CLOB);
        static final Field<String> MODEL = field(name("llm_calls", "model"), SQLDataType.CLOB);
        static final Field<String> PURPOSE = field(name("llm_calls", "purpose"), SQLDataType.CLOB);
        static final Field<Integer> INPUT_TOKENS = field(name("llm_calls", "input_tokens"), SQLDataType.INTEGER);
        static final Field<Integer> OUTPUT_TOKENS = field(name("llm_calls", "output_tokens"), SQLDataType.INTEGER);
        static final Field<Long> COST_MICROS = field(name("llm_calls", "cost_micros"), SQLDataType.BIGINT);
        static final Field<Integer> LATENCY_MS = field(name("llm_calls", "latency_ms"), SQLDataType.INTEGER);
        static final Field<Integer> FIRST_TOKEN_MS = field(name("llm_calls", "first_token_ms"), SQLDataType.INTEGER);
        static final Field<String> OUTCOME = field(name("llm_calls", "outcome"), SQLDataType.CLOB);
        static final Field<String> ERROR = field(name("llm_calls", "error"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("llm_calls", "created_at"), SQLDataType.INSTANT);
    }
}
