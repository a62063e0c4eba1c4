-- billing module: plans an organisation sells to its own contacts, their subscriptions and usage.

-- An organisation's plans for its contacts. NULL limits mean unlimited. At most one plan per
-- organisation is the free allowance: contacts without a subscription get its limits. With no free
-- allowance defined, contacts without a subscription are not limited by contact plans at all.
CREATE TABLE contact_plans (
  id                  UUID PRIMARY KEY,
  org_id              UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description         TEXT NOT NULL DEFAULT '',
  price_minor         BIGINT NOT NULL DEFAULT 0 CHECK (price_minor >= 0),
  currency            TEXT NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  ai_replies          BIGINT CHECK (ai_replies >= 0),
  period_days         INT NOT NULL DEFAULT 30 CHECK (period_days BETWEEN 1 AND 366),
  history_days        INT CHECK (history_days > 0),
  messages_per_minute INT CHECK (messages_per_minute > 0),
  free_allowance      BOOLEAN NOT NULL DEFAULT false,
  stripe_price_id     TEXT,
  archived            BOOLEAN NOT NULL DEFAULT false,
  sort_order          INT NOT NULL DEFAULT 0,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (NOT free_allowance OR price_minor = 0)
);
CREATE UNIQUE INDEX contact_plans_free_allowance_idx ON contact_plans (org_id) WHERE free_allowance AND NOT archived;
CREATE INDEX contact_plans_org_idx ON contact_plans (org_id, sort_order);

-- Which plan a contact is on (one row per contact), set by Stripe (Checkout, subscription events) or
-- by an admin in manual mode. Cancelled rows stay for the record; the contact falls back to the free
-- allowance.
CREATE TABLE contact_subscriptions (
  org_id                 UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  contact_id             UUID NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  plan_id                UUID NOT NULL REFERENCES contact_plans (id),
  status                 TEXT NOT NULL CHECK (status IN ('active', 'past_due', 'cancelled')),
  period_start           TIMESTAMPTZ NOT NULL,
  period_end             TIMESTAMPTZ NOT NULL,
  cancel_at_period_end   BOOLEAN NOT NULL DEFAULT false,
  source                 TEXT NOT NULL CHECK (source IN ('manual', 'stripe')),
  stripe_account_id      TEXT,
  stripe_customer_id     TEXT,
  stripe_subscription_id TEXT UNIQUE,
  updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, contact_id)
);
CREATE INDEX contact_subscriptions_plan_idx ON contact_subscriptions (org_id, plan_id);

-- AI replies a contact used per window; one row per counted inbound message so a retry counts once.
CREATE TABLE contact_usage_counters (
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  contact_id   UUID NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  period_start TIMESTAMPTZ NOT NULL,
  used         BIGINT NOT NULL DEFAULT 0 CHECK (used >= 0),
  PRIMARY KEY (org_id, contact_id, period_start)
);
CREATE TABLE contact_usage_events (
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  contact_id   UUID NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  message_id   UUID NOT NULL,
  period_start TIMESTAMPTZ NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, message_id)
);

-- Per-organisation settings of contact billing: the organisation's own Stripe account (Connect).
CREATE TABLE contact_billing_settings (
  org_id            UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  stripe_account_id TEXT CHECK (stripe_account_id ~ '^acct_[A-Za-z0-9]+$'),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['contact_plans', 'contact_subscriptions', 'contact_usage_counters',
                           'contact_usage_events', 'contact_billing_settings']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
