package io.switchboard.billing.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** Tables of V17__contact_plans.sql. */
final class ContactPlanTables {

    private ContactPlanTables() {}

    static final class CPlans {
        static final Table<?> T = table(name("contact_plans"));
        static final Field<UUID> ID = field(name("contact_plans", "id"), SQLDataType.UUID);
        static final Field<UUID> ORG_ID = field(name("contact_plans", "org_id"), SQLDataType.UUID);
        static final Field<String> NAME = field(name("contact_plans", "name"), SQLDataType.CLOB);
        static final Field<String> DESCRIPTION = field(name("contact_plans", "description"), SQLDataType.CLOB);
        static final Field<Long> PRICE = field(name("contact_plans", "price_minor"), SQLDataType.BIGINT);
        static final Field<String> CURRENCY = field(name("contact_plans", "currency"), SQLDataType.CLOB);
        static final Field<Long> AI_REPLIES = field(name("contact_plans", "ai_replies"), SQLDataType.BIGINT);
        static final Field<Integer> PERIOD_DAYS = field(name("contact_plans", "period_days"), SQLDataType.INTEGER);
        static final Field<Integer> HISTORY_DAYS = field(name("contact_plans", "history_days"), SQLDataType.INTEGER);
        static final Field<Integer> MESSAGES_PER_MINUTE =
                field(name("contact_plans", "messages_per_minute"), SQLDataType.INTEGER);
        static final Field<Boolean> FREE = field(name("contact_plans", "free_allowance"), SQLDataType.BOOLEAN);
        static final Field<String> STRIPE_PRICE_ID = field(name("contact_plans", "stripe_price_id"), SQLDataType.CLOB);
        static final Field<Boolean> ARCHIVED = field(name("contact_plans", "archived"), SQLDataType.BOOLEAN);
        static final Field<Integer> SORT_ORDER = field(name("contact_plans", "sort_order"), SQLDataType.INTEGER);
        static final Field<Instant> CREATED_AT = field(name("contact_plans", "created_at"), SQLDataType.INSTANT);
        static final Field<Instant> UPDATED_AT = field(name("contact_plans", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ID,
                ORG_ID,
                NAME,
                DESCRIPTION,
                PRICE,
                CURRENCY,
                AI_REPLIES,
                PERIOD_DAYS,
                HISTORY_DAYS,
                MESSAGES_PER_MINUTE,
                FREE,
                STRIPE_PRICE_ID,
                ARCHIVED,
                SORT_ORDER,
                CREATED_AT,
                UPDATED_AT);
    }

    static final class CSubs {
        static final Table<?> T = table(name("contact_subscriptions"));
        static final Field<UUID> ORG_ID = field(name("contact_subscriptions", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("contact_subscriptions", "contact_id"), SQLDataType.UUID);
        static final Field<UUID> PLAN_ID = field(name("contact_subscriptions", "plan_id"), SQLDataType.UUID);
        static final Field<String> STATUS = field(name("contact_subscriptions", "status"), SQLDataType.CLOB);
        static final Field<Instant> PERIOD_START =
                field(name("contact_subscriptions", "period_start"), SQLDataType.INSTANT);
        static final Field<Instant> PERIOD_END =
                field(name("contact_subscriptions", "period_end"), SQLDataType.INSTANT);
        static final Field<Boolean> CANCEL_AT_PERIOD_END =
                field(name("contact_subscriptions", "cancel_at_period_end"), SQLDataType.BOOLEAN);
        static final Field<String> SOURCE = field(name("contact_subscriptions", "source"), SQLDataType.CLOB);
        static final Field<String> STRIPE_ACCOUNT_ID =
                field(name("contact_subscriptions", "stripe_account_id"), SQLDataType.CLOB);
        static final Field<String> STRIPE_CUSTOMER_ID =
                field(name("contact_subscriptions", "stripe_customer_id"), SQLDataType.CLOB);
        static final Field<String> STRIPE_SUBSCRIPTION_ID =
                field(name("contact_subscriptions", "stripe_subscription_id"), SQLDataType.CLOB);
        static final Field<Instant> UPDATED_AT =
                field(name("contact_subscriptions", "updated_at"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(
                ORG_ID,
                CONTACT_ID,
                PLAN_ID,
                STATUS,
                PERIOD_START,
                PERIOD_END,
                CANCEL_AT_PERIOD_END,
                SOURCE,
                STRIPE_ACCOUNT_ID,
                STRIPE_CUSTOMER_ID,
                STRIPE_SUBSCRIPTION_ID,
                UPDATED_AT);
    }

    static final class CCounters {
        static final Table<?> T = table(name("contact_usage_counters"));
        static final Field<UUID> ORG_ID = field(name("contact_usage_counters", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("contact_usage_counters", "contact_id"), SQLDataType.UUID);
        static final Field<Instant> PERIOD_START =
                field(name("contact_usage_counters", "period_start"), SQLDataType.INSTANT);
        static final Field<Long> USED = field(name("contact_usage_counters", "used"), SQLDataType.BIGINT);
    }

    static final class CUsageEvents {
        static final Table<?> T = table(name("contact_usage_events"));
        static final Field<UUID> ORG_ID = field(name("contact_usage_events", "org_id"), SQLDataType.UUID);
        static final Field<UUID> CONTACT_ID = field(name("contact_usage_events", "contact_id"), SQLDataType.UUID);
        static final Field<UUID> MESSAGE_ID = field(name("contact_usage_events", "message_id"), SQLDataType.UUID);
        static final Field<Instant> PERIOD_START =
                field(name("contact_usage_events", "period_start"), SQLDataType.INSTANT);
    }

    static final class CSettings {
        static final Table<?> T = table(name("contact_billing_settings"));
        static final Field<UUID> ORG_ID = field(name("contact_billing_settings", "org_id"), SQLDataType.UUID);
        static final Field<String> STRIPE_ACCOUNT_ID =
                field(name("contact_billing_settings", "stripe_account_id"), SQLDataType.CLOB);
        static final Field<Instant> UPDATED_AT =
                field(name("contact_billing_settings", "updated_at"), SQLDataType.INSTANT);
    }
}
