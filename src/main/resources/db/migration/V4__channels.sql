-- channels module: connections to providers, the durable inbound inbox and the paced outbound queue.
CREATE TABLE channels (
  id              UUID PRIMARY KEY,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  type            TEXT NOT NULL,
  name            TEXT NOT NULL,
  public_id       TEXT NOT NULL UNIQUE,
  config          JSONB NOT NULL DEFAULT '{}'::jsonb,
  secrets         BYTEA,
  agent_id        UUID,
  enabled         BOOLEAN NOT NULL DEFAULT true,
  rate_per_second DOUBLE PRECISION NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX channels_org_idx ON channels (org_id, created_at DESC);

-- Raw provider payloads, committed before the webhook is acknowledged; workers process them after.
CREATE TABLE inbound_events (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  channel_id      UUID NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  payload         TEXT NOT NULL,
  content_type    TEXT,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts        INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_error      TEXT,
  received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  processed_at    TIMESTAMPTZ
);
CREATE INDEX inbound_events_pending_idx ON inbound_events (next_attempt_at, id) WHERE status = 'pending';

-- One row per message to send: queued -> claimed (by one sender, claim_id) -> sending (committed right
-- before the provider call) -> sent | failed. After a crash a 'claimed' row is safely queued again; a
-- 'sending' row is never sent again blindly (the provider may have it): it is marked failed, visibly.
CREATE TABLE outbound_messages (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id              UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  channel_id          UUID NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  message_id          UUID NOT NULL UNIQUE,
  recipient           TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'claimed', 'sending', 'sent', 'failed')),
  claim_id            UUID,
  attempts            INT NOT NULL DEFAULT 0,
  next_attempt_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  provider_message_id TEXT,
  last_error          TEXT,
  claimed_at          TIMESTAMPTZ,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent_at             TIMESTAMPTZ
);
CREATE INDEX outbound_messages_due_idx ON outbound_messages (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX outbound_messages_in_flight_idx ON outbound_messages (claimed_at) WHERE status IN ('claimed', 'sending');

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['channels', 'inbound_events', 'outbound_messages']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
