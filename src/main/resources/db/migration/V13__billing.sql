-- billing module: prepaid credit ledger, plans, subscriptions, usage counters and Stripe events.

-- One account row per organisation. It is locked (SELECT ... FOR UPDATE) by every posting, so checks
-- ("is enough available?") and writes happen in one serialised step per organisation. balance_minor and
-- held_minor are caches of the entries below, kept in the same transaction; the entries are the truth.
CREATE TABLE credit_accounts (
  org_id                      UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  currency                    TEXT NOT NULL DEFAULT 'USD',
  balance_minor               BIGINT NOT NULL DEFAULT 0 CHECK (balance_minor >= 0),
  held_minor                  BIGINT NOT NULL DEFAULT 0 CHECK (held_minor >= 0),
  low_balance_threshold_minor BIGINT CHECK (low_balance_threshold_minor >= 0),
  updated_at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (held_minor <= balance_minor)
);

-- Append-only double-entry journal: every entry moves a positive amount from one account of the
-- organisation to another. "available" + "held" make the balance; "external" (money in/out through
-- payments), "grants", "adjustments" and "spent" are the other sides, so all accounts sum to zero.
CREATE TABLE credit_entries (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('top_up', 'grant', 'hold', 'settle', 'release', 'refund', 'adjustment')),
  debit_account   TEXT NOT NULL CHECK (debit_account IN ('external', 'grants', 'adjustments', 'available', 'held', 'spent')),
  credit_account  TEXT NOT NULL CHECK (credit_account IN ('external', 'grants', 'adjustments', 'available', 'held', 'spent')),
  amount_minor    BIGINT NOT NULL CHECK (amount_minor > 0),
  idempotency_key TEXT NOT NULL,
  hold_id         UUID,
  reference       TEXT,
  reason          TEXT,
  actor           TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (debit_account <> credit_account),
  UNIQUE (org_id, idempotency_key)
);
CREATE INDEX credit_entries_org_idx ON credit_entries (org_id, id DESC);
CREATE INDEX credit_entries_reference_idx ON credit_entries (org_id, reference) WHERE reference IS NOT NULL;
-- append-only: the application may insert and read entries, never change or remove them
REVOKE UPDATE, DELETE ON credit_entries FROM switchboard_app;

CREATE TABLE credit_holds (
  id              UUID PRIMARY KEY,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  amount_minor    BIGINT NOT NULL CHECK (amount_minor > 0),
  settled_minor   BIGINT CHECK (settled_minor >= 0),
  status          TEXT NOT NULL CHECK (status IN ('active', 'settled', 'voided', 'expired')),
  reason          TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  expires_at      TIMESTAMPTZ NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_at       TIMESTAMPTZ,
  UNIQUE (org_id, idempotency_key)
);
CREATE INDEX credit_holds_expiry_idx ON credit_holds (expires_at) WHERE status = 'active';

-- Plans are platform data (no org_id), edited by super admins. NULL limits mean unlimited.
CREATE TABLE billing_plans (
  id                    TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name                  TEXT NOT NULL,
  description           TEXT NOT NULL DEFAULT '',
  price_minor           BIGINT CHECK (price_minor >= 0),
  currency              TEXT NOT NULL DEFAULT 'USD',
  period_days           INT NOT NULL DEFAULT 30 CHECK (period_days > 0),
  trial                 BOOLEAN NOT NULL DEFAULT false,
  history_days          INT CHECK (history_days > 0),
  ai_replies            BIGINT CHECK (ai_replies >= 0),
  active_channels       BIGINT CHECK (active_channels >= 0),
  agents                BIGINT CHECK (agents >= 0),
  knowledge_base_bytes  BIGINT CHECK (knowledge_base_bytes >= 0),
  seats                 BIGINT CHECK (seats >= 0),
  concurrent_calls      BIGINT CHECK (concurrent_calls >= 0),
  call_minutes_per_day  BIGINT CHECK (call_minutes_per_day >= 0),
  stripe_price_id       TEXT,
  public                BOOLEAN NOT NULL DEFAULT true,
  sort_order            INT NOT NULL DEFAULT 0,
  created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO billing_plans (id, name, description, price_minor, period_days, trial, history_days, ai_replies,
                           active_channels, agents, knowledge_base_bytes, seats, concurrent_calls,
                           call_minutes_per_day, sort_order) VALUES
  ('trial', 'Trial', 'Free for 14 days to try everything', 0, 14, true, 14, 50, 2, 1, 10485760, 2, 1, 10, 0),
  ('basic', 'Basic', '100 AI replies per 30 days, 30 days of history', 1000, 30, false, 30, 100, 3, 2, 52428800, 3, 2, 60, 1),
  ('pro', 'Pro', '1,000 AI replies per 30 days, 90 days of history', 2500, 30, false, 90, 1000, 10, 10, 524288000, 10, 5, 600, 2),
  ('enterprise', 'Enterprise', 'Unlimited replies and history; custom price', NULL, 30, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 3);

-- The organisation's subscription: one row per organisation.
CREATE TABLE billing_subscriptions (
  org_id                 UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  plan_id                TEXT NOT NULL REFERENCES billing_plans (id),
  status                 TEXT NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'expired')),
  period_start           TIMESTAMPTZ NOT NULL,
  period_end             TIMESTAMPTZ NOT NULL,
  cancel_at_period_end   BOOLEAN NOT NULL DEFAULT false,
  grace_until            TIMESTAMPTZ,
  stripe_customer_id     TEXT UNIQUE,
  stripe_subscription_id TEXT UNIQUE,
  updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Metered usage: one counter per organisation, limit and period, and one row per consumption so a
-- retried consume (same idempotency key) counts once.
CREATE TABLE usage_counters (
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  limit_key    TEXT NOT NULL,
  period_start TIMESTAMPTZ NOT NULL,
  used         BIGINT NOT NULL DEFAULT 0 CHECK (used >= 0),
  PRIMARY KEY (org_id, limit_key, period_start)
);
CREATE TABLE usage_events (
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  limit_key       TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  amount          BIGINT NOT NULL,
  period_start    TIMESTAMPTZ NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, limit_key, idempotency_key)
);

-- LLM tokens and cost per organisation and day (from llm's LlmUsageRecorded), for display.
CREATE TABLE llm_usage_daily (
  org_id        UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  day           DATE NOT NULL,
  calls         BIGINT NOT NULL DEFAULT 0,
  input_tokens  BIGINT NOT NULL DEFAULT 0,
  output_tokens BIGINT NOT NULL DEFAULT 0,
  cost_micros   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day)
);

-- Stripe webhook events exactly as received, stored before the 200; the id makes replays no-ops.
-- org_id is known only once the event is processed (platform table, system access only).
CREATE TABLE stripe_events (
  id           TEXT PRIMARY KEY,
  type         TEXT NOT NULL,
  payload      TEXT NOT NULL,
  org_id       UUID,
  received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  processed_at TIMESTAMPTZ,
  attempts     INT NOT NULL DEFAULT 0,
  next_attempt TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_error   TEXT
);
CREATE INDEX stripe_events_pending_idx ON stripe_events (next_attempt) WHERE processed_at IS NULL;

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['credit_accounts', 'credit_entries', 'credit_holds', 'billing_subscriptions',
                           'usage_counters', 'usage_events', 'llm_usage_daily']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
ALTER TABLE stripe_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY system_only ON stripe_events USING (current_setting('app.system', true) = 'on');
