-- Outbound webhooks (Standard Webhooks): endpoints an organisation subscribes to event types, the
-- messages (one per event and organisation, the exact signed body) and one delivery per subscribed
-- endpoint, written in the transaction of the change they report (transactional outbox).
CREATE TABLE webhook_endpoints (
  id                         UUID PRIMARY KEY,
  org_id                     UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  url                        TEXT NOT NULL,
  description                TEXT,
  event_types                TEXT[] NOT NULL,
  enabled                    BOOLEAN NOT NULL DEFAULT true,
  disabled_reason            TEXT,
  disabled_at                TIMESTAMPTZ,
  secret_enc                 BYTEA NOT NULL,
  -- after a rotation the previous secret still signs (a second signature) until it expires
  previous_secret_enc        BYTEA,
  previous_secret_expires_at TIMESTAMPTZ,
  created_at                 TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at                 TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoints_org_idx ON webhook_endpoints (org_id, created_at);

CREATE TABLE webhook_messages (
  id          UUID PRIMARY KEY,
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  event_type  TEXT NOT NULL,
  payload     TEXT NOT NULL, -- the body exactly as signed
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_messages_org_idx ON webhook_messages (org_id, created_at);

CREATE TABLE webhook_deliveries (
  id              UUID PRIMARY KEY,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  endpoint_id     UUID NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  message_id      UUID NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
  status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'succeeded', 'dead')),
  attempts        INT NOT NULL DEFAULT 0,
  -- failures since the last success or manual resend: the position in the retry schedule
  failures        INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  claim_id        UUID,
  claimed_at      TIMESTAMPTZ,
  last_attempt_at TIMESTAMPTZ,
  last_status     INT,
  last_error      TEXT,
  delivered_at    TIMESTAMPTZ,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (endpoint_id, message_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_sending_idx ON webhook_deliveries (claimed_at) WHERE status = 'sending';
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (endpoint_id, created_at DESC);

-- one row per HTTP attempt: what was sent and what came back (bodies truncated)
CREATE TABLE webhook_attempts (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id           UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  delivery_id      UUID NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempted_at     TIMESTAMPTZ NOT NULL,
  request_headers  JSONB NOT NULL,
  response_status  INT,
  response_body    TEXT,
  error            TEXT,
  duration_ms      INT NOT NULL
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['webhook_endpoints', 'webhook_messages', 'webhook_deliveries', 'webhook_attempts']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
