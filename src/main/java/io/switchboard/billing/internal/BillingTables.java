package io.switchboard.billing.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Tables of V13__billing.sql. */
final class BillingTables {

    private BillingTables() {}

    static final class Accounts {
        static final Table<?> T = table(name("credit_accounts"));
        static final Field<UUID> ORG_ID = field(name("credit_accounts", "org_id"), SQLDataType.UUID);
        static final Field<String> CURRENCY = field(name("credit_accounts", "currency"), SQLDataType.CLOB);
        static final Field<Long> BALANCE = field(name("credit_accounts", "balance_minor"), SQLDataType.BIGINT);
        static final Field<Long> HELD = field(name("credit_accounts", "held_minor"), SQLDataType.BIGINT);
        static final Field<Long> LOW_BALANCE_THRESHOLD =
                field(name("credit_accounts", "low_balance_threshold_minor"), SQLDataType.BIGINT);
        static final Field<Instant> UPDATED_AT = field(name("credit_accounts", "updated_at"), SQLDataType.INSTANT);
        static final Field<Instant> LOW_BALANCE_ALERTED_AT =
                field(name("credit_accounts", "low_balance_alerted_at"), SQLDataType.INSTANT);
        static final Field<Long> AUTO_TOP_UP_BELOW =
                field(name("credit_accounts", "auto_top_up_below_minor"), SQLDataType.BIGINT);
        static final Field<Long> AUTO_TOP_UP_AMOUNT =
                field(name("credit_accounts", "auto_top_up_amount_minor"), SQLDataType.BIGINT);
        static final Field<Instant> AUTO_TOP_UP_ATTEMPTED_AT =
                field(name("credit_accounts", "auto_top_up_attempted_at"), SQLDataType.INSTANT);
        static final Field<String> AUTO_TOP_UP_ERROR =
                field(name("credit_accounts", "auto_top_up_error"), SQLDataType.CLOB);
        static final List<Field<?>> ALL = List.of(ORG_ID, CURRENCY, BALANCE, HELD, LOW_BALANCE_THRESHOLD, UPDATED_AT);
    }

    static final class Entries {
        static final Table<?> T = table(name("credit_entries"));
        static final Field<Long> ID = field(name("credit_entries", "id"), SQLDataType.BIGINT);
        static final Field<UUID> ORG_ID = field(name("credit_entries", "org_id"), SQLDataType.UUID);
        static final Field<String> KIND = field(name("credit_entries", "kind"), SQLDataType.CLOB);
        static final Field<String> DEBIT = field(name("credit_entries", "debit_account"), SQLDataType.CLOB);
        static final Field<String> CREDIT = field(name("credit_entries", "credit_account"), SQLDataType.CLOB);
        static final Field<Long> AMOUNT = field(name("credit_entries", "amount_minor"), SQLDataType.BIGINT);
        static final Field<String> IDEMPOTENCY_KEY = field(name("credit_entries", "idempotency_key"), SQLDataType.CLOB);
        static final Field<UUID> HOLD_ID = field(name("credit_entries", "hold_id"), SQLDataType.UUID);
        static final Field<String> REFERENCE = field(name("credit_entries", "reference"), SQLDataType.CLOB);
        static final Field<String> REASON = field(name("credit_entries", "reason"), SQLDataType.CLOB);
        static final Field<String> ACTOR = field(name("credit_entries", "actor"), SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = field(name("credit_entries", "created_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                KIND,
                DEBIT,
                CREDIT,
                AMOUNT,
                IDEMPOTENCY_KEY,
                HOLD_ID,
                REFERENCE,
                REASON,
                ACTOR,
                CREATED_AT);
    }

    static final class Holds {
        static final Table<?> T = table(name("credit_holds"));
        static final Field<UUID> ID = field(name("credit_holds", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("credit_holds", "org_id"), SQLDataType.UUID);
        static final Field<Long> AMOUNT = field(name("credit_holds", "amount_minor"), SQLDataType.BIGINT);
        static final Field<Long> SETTLED = field(name("credit_holds", "settled_minor"), SQLDataType.BIGINT);
        static final Field<String> STATUS = field(name("credit_holds", "status"), SQLDataType.CLOB);
        static final Field<String> REASON = field(name("credit_holds", "reason"), SQLDataType.CLOB);
        static final Field<String> IDEMPOTENCY_KEY = field(name("credit_holds", "idempotency_key"), SQLDataType.CLOB);
        static final Field<Instant> EXPIRES_AT = field(name("credit_holds", "expires_at"), SQLDataType.INSTANT);
        static final Field<Instant> CREATED_AT = field(name("credit_holds", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> CLOSED_AT = field(name("credit_holds", "closed_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID, ORG_ID, AMOUNT, SETTLED, STATUS, REASON, IDEMPOTENCY_KEY, EXPIRES_AT, CREATED_AT, CLOSED_AT);
    }

    static final class Plans {
        static final Table<?> T = table(name("billing_plans"));
        static final Field<String> ID = field(name("billing_plans", "id"), SQLDataType.CLOB);
        static final Field<String> NAME = field(name("billing_plans", "name"), SQLDataType.CLOB);
        static final Field<String> DESCRIPTION = field(name("billing_plans", "description"), SQLDataType.CLOB);
        static final Field<Long> PRICE = field(name("billing_plans", "price_minor"), SQLDataType.BIGINT);
        static final Field<String> CURRENCY = field(name("billing_plans", "currency"), SQLDataType.CLOB);
        static final Field<Integer> PERIOD_DAYS = field(name("billing_plans", "period_days"), SQLDataType.INTEGER);
        static final Field<Boolean> TRIAL = field(name("billing_plans", "trial"), SQLDataType.BOOLEAN);
        static final Field<Integer> HISTORY_DAYS = field(name("billing_plans", "history_days"), SQLDataType.INTEGER);
        static final Field<Long> AI_REPLIES = field(name("billing_plans", "ai_replies"), SQLDataType.BIGINT);
        static final Field<Long> ACTIVE_CHANNELS = field(name("billing_plans", "active_channels"), SQLDataType.BIGINT);
        static final Field<Long> AGENTS = field(name("billing_plans", "agents"), SQLDataType.BIGINT);
        static final Field<Long> KNOWLEDGE_BASE_BYTES =
                field(name("billing_plans", "knowledge_base_bytes"), SQLDataType.BIGINT);
        static final Field<Long> SEATS = field(name("billing_plans", "seats"), SQLDataType.BIGINT);
        static final Field<Long> CONCURRENT_CALLS =
                field(name("billing_plans", "concurrent_calls"), SQLDataType.BIGINT);
        static final Field<Long> CALL_MINUTES_PER_DAY =
                field(name("billing_plans", "call_minutes_per_day"), SQLDataType.BIGINT);
        static final Field<String> STRIPE_PRICE_ID = field(name("billing_plans", "stripe_price_id"), SQLDataType.CLOB);
        static final Field<Boolean> PUBLIC = field(name("billing_plans", "public"), SQLDataType.BOOLEAN);
        static final Field<Integer> SORT_ORDER = field(name("billing_plans", "sort_order"), SQLDataType.INTEGER);
        static final Field<Instant> CREATED_AT = field(name("billing_plans", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("billing_plans", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                NAME,
                DESCRIPTION,
                PRICE,
                CURRENCY,
                PERIOD_DAYS,
                TRIAL,
                HISTORY_DAYS,
                AI_REPLIES,
                ACTIVE_CHANNELS,
                AGENTS,
                KNOWLEDGE_BASE_BYTES,
                SEATS,
                CONCURRENT_CALLS,
                CALL_MINUTES_PER_DAY,
                STRIPE_PRICE_ID,
                PUBLIC,
                SORT_ORDER,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class Subscriptions {
        static final Table<?> T = table(name("billing_subscriptions"));
        static final Field<UUID> ORG_ID = field(name("billing_subscriptions", "org_id"), SQLDataType.UUID);
        static final Field<String> PLAN_ID = field(name("billing_subscriptions", "plan_id"), SQLDataType.CLOB);
        static final Field<String> STATUS = field(name("billing_subscriptions", "status"), SQLDataType.CLOB);
        static final Field<Instant> PERIOD_START =
                field(name("billing_subscriptions", "period_start"), SQLDataType.INSTANT);
        static final Field<Instant> PERIOD_END =
                field(name("billing_subscriptions", "period_end"), SQLDataType.INSTANT);
        static final Field<Boolean> CANCEL_AT_PERIOD_END =
                field(name("billing_subscriptions", "cancel_at_period_end"), SQLDataType.BOOLEAN);
        static final Field<Instant> GRACE_UNTIL =
                field(name("billing_subscriptions", "grace_until"), SQLDataType.INSTANT);
        static final Field<String> STRIPE_CUSTOMER_ID =
                field(name("billing_subscriptions", "stripe_customer_id"), SQLDataType.CLOB);
        static final Field<String> STRIPE_SUBSCRIPTION_ID =
                field(name("billing_subscriptions", "stripe_subscription_id"), SQLDataType.CLOB);
        static final Field<Instant> UPDATED_AT =
                field(name("billing_subscriptions", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ORG_ID,
                PLAN_ID,
                STATUS,
                PERIOD_START,
                PERIOD_END,
                CANCEL_AT_PERIOD_END,
                GRACE_UNTIL,
                STRIPE_CUSTOMER_ID,
                STRIPE_SUBSCRIPTION_ID,
                UPDATED_AT);
    }

    static final class Counters {
        static final Table<?> T = table(name("usage_counters"));
        static final Field<UUID> ORG_ID = field(name("usage_counters", "org_id"), SQLDataType.UUID);
        static final Field<String> LIMIT_KEY = field(name("usage_counters", "limit_key"), SQLDataType.CLOB);
        static final Field<Instant> PERIOD_START = field(name("usage_counters", "period_start"), SQLDataType.INSTANT);
        static final Field<Long> USED = field(name("usage_counters", "used"), SQLDataType.BIGINT);
        static final List<Field<?>> ALL = List.of(ORG_ID, LIMIT_KEY, PERIOD_START, USED);
    }

    static final class UsageEvents {
        static final Table<?> T = table(name("usage_events"));
        static final Field<UUID> ORG_ID = field(name("usage_events", "org_id"), SQLDataType.UUID);
        static final Field<String> LIMIT_KEY = field(name("usage_events", "limit_key"), SQLDataType.CLOB);
        static final Field<String> IDEMPOTENCY_KEY = field(name("usage_events", "idempotency_key"), SQLDataType.CLOB);
        static final Field<Long> AMOUNT = field(name("usage_events", "amount"), SQLDataType.BIGINT);
        static final Field<Instant> PERIOD_START = field(name("usage_events", "period_start"), SQLDataType.INSTANT);
        static final Field<Instant> CREATED_AT = field(name("usage_events", "created_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(ORG_ID, LIMIT_KEY, IDEMPOTENCY_KEY, AMOUNT, PERIOD_START, CREATED_AT);
    }

    static final class LlmDaily {
        static final Table<?> T = table(name("llm_usage_daily"));
        static final Field<UUID> ORG_ID = field(name("llm_usage_daily", "org_id"), SQLDataType.UUID);
        static final Field<LocalDate> DAY = field(name("llm_usage_daily", "day"), SQLDataType.LOCALDATE);
        static final Field<Long> CALLS = field(name("llm_usage_daily", "calls"), SQLDataType.BIGINT);
        static final Field<Long> INPUT_TOKENS = field(name("llm_usage_daily", "input_tokens"), SQLDataType.BIGINT);
        static final Field<Long> OUTPUT_TOKENS = field(name("llm_usage_daily", "output_tokens"), SQLDataType.BIGINT);
        static final Field<Long> COST_MICROS = field(name("llm_usage_daily", "cost_micros"), SQLDataType.BIGINT);
        static final List<Field<?>> ALL = List.of(ORG_ID, DAY, CALLS, INPUT_TOKENS, OUTPUT_TOKENS, COST_MICROS);
    }

    static final class StripeEvents {
        static final Table<?> T = table(name("stripe_events"));
        static final Field<String> ID = field(name("stripe_events", "id"), SQLDataType.CLOB);
        static final Field<String> TYPE = field(name("stripe_events", "type"), SQLDataType.CLOB);
        static final Field<String> PAYLOAD = field(name("stripe_events", "payload"), SQLDataType.CLOB);
        static final Field<UUID> ORG_ID = field(name("stripe_events", "org_id"), SQLDataType.UUID);
        static final Field<Instant> RECEIVED_AT = field(name("stripe_events", "received_at"), SQLDataType.INSTANT);
        static final Field<Instant> PROCESSED_AT = field(name("stripe_events", "processed_at"), SQLDataType.INSTANT);
        static final Field<Integer> ATTEMPTS = field(name("stripe_events", "attempts"), SQLDataType.INTEGER);
        static final Field<Instant> NEXT_ATTEMPT = field(name("stripe_events", "next_attempt"), SQLDataType.INSTANT);
        static final Field<String> LAST_ERROR = field(name("stripe_events", "last_error"), SQLDataType.CLOB);
        static final List<Field<?>> ALL =
                List.of(ID, TYPE, PAYLOAD, ORG_ID, RECEIVED_AT, PROCESSED_AT, ATTEMPTS, NEXT_ATTEMPT, LAST_ERROR);
    }
}
