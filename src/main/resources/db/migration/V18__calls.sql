-- calls module: AI voice calls (Bland AI or the simulator), their turns, durable work items,
-- provider webhooks, per-provider rates, sales scripts with versions and the Google Sheets call log.

-- Price per minute of each provider for an organisation (admins edit it); no row = the operator default.
CREATE TABLE call_rates (
  org_id                 UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  provider               TEXT NOT NULL CHECK (provider IN ('bland', 'simulator')),
  rate_per_minute_minor  BIGINT NOT NULL CHECK (rate_per_minute_minor >= 0),
  updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, provider)
);

-- Call settings of an organisation: the LLM chain used for scripts and call analysis (provider ids).
CREATE TABLE call_settings (
  org_id      UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  llm_chain   JSONB NOT NULL DEFAULT '[]',
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE calls (
  id                       UUID PRIMARY KEY,
  org_id                   UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  contact_id               UUID REFERENCES contacts (id) ON DELETE SET NULL,
  agent_id                 UUID,
  sales_script_id          UUID,
  phone_number             TEXT NOT NULL,
  status                   TEXT NOT NULL CHECK (status IN ('queued', 'ringing', 'in-progress', 'completed', 'failed',
                                                           'no-answer', 'busy', 'cancelled')),
  provider                 TEXT NOT NULL CHECK (provider IN ('bland', 'simulator')),
  provider_call_id         TEXT,
  task                     TEXT NOT NULL,
  first_sentence           TEXT,
  voice                    TEXT,
  language                 TEXT NOT NULL DEFAULT 'en-US',
  max_duration_minutes     INT NOT NULL CHECK (max_duration_minutes BETWEEN 1 AND 60),
  requested_duration_minutes INT NOT NULL,
  transfer_number          TEXT,
  record                   BOOLEAN NOT NULL DEFAULT false,
  metadata                 JSONB NOT NULL DEFAULT '{}',
  scheduled_at             TIMESTAMPTZ,
  started_at               TIMESTAMPTZ,
  answered_at              TIMESTAMPTZ,
  ended_at                 TIMESTAMPTZ,
  duration_seconds         INT,
  answered_by              TEXT,
  ended_reason             TEXT,
  rate_per_minute_minor    BIGINT NOT NULL,
  hold_id                  UUID,
  hold_minor               BIGINT,
  cost_minor               BIGINT,
  currency                 TEXT NOT NULL DEFAULT 'USD',
  summary                  TEXT,
  outcome                  TEXT,
  fields                   JSONB NOT NULL DEFAULT '{}',
  recording_key            TEXT,
  provider_recording_url   TEXT,
  finalized_at             TIMESTAMPTZ,
  idempotency_key          TEXT NOT NULL,
  created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (org_id, idempotency_key)
);
CREATE UNIQUE INDEX calls_provider_call_idx ON calls (provider, provider_call_id) WHERE provider_call_id IS NOT NULL;
CREATE INDEX calls_org_created_idx ON calls (org_id, created_at DESC);
CREATE INDEX calls_contact_idx ON calls (org_id, contact_id, created_at DESC) WHERE contact_id IS NOT NULL;
CREATE INDEX calls_live_idx ON calls (org_id, status) WHERE status IN ('ringing', 'in-progress');

-- What was said, oldest first; (call_id, idx) keeps a repeated webhook or poll from doubling turns.
CREATE TABLE call_turns (
  call_id     UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  idx         INT NOT NULL,
  speaker     TEXT NOT NULL,
  text        TEXT NOT NULL,
  at_seconds  DOUBLE PRECISION NOT NULL DEFAULT 0,
  PRIMARY KEY (call_id, idx)
);

-- Durable work of calls (dispatch from the paced queue, simulator steps, provider polls). Rows are
-- claimed with SKIP LOCKED and deleted when done, so a restart continues where the last node stopped.
CREATE TABLE call_jobs (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  call_id     UUID NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('dispatch', 'simulate', 'poll', 'finalize')),
  step        INT NOT NULL DEFAULT 0,
  due_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  attempts    INT NOT NULL DEFAULT 0,
  last_error  TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX call_jobs_due_idx ON call_jobs (due_at);
CREATE UNIQUE INDEX call_jobs_one_kind_idx ON call_jobs (call_id, kind);

-- Raw provider webhooks, committed before the 2xx; a replayed body (same hash) is stored once.
CREATE TABLE call_webhook_events (
  id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id            UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  provider          TEXT NOT NULL,
  provider_call_id  TEXT,
  body_sha256       TEXT NOT NULL,
  body              TEXT NOT NULL,
  received_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  processed_at      TIMESTAMPTZ,
  attempts          INT NOT NULL DEFAULT 0,
  last_error        TEXT,
  UNIQUE (org_id, body_sha256)
);
CREATE INDEX call_webhook_events_pending_idx ON call_webhook_events (received_at) WHERE processed_at IS NULL;

CREATE TABLE sales_scripts (
  id          UUID PRIMARY KEY,
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  contact_id  UUID NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  product     TEXT NOT NULL,
  goal        TEXT NOT NULL,
  tone        TEXT NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('llm', 'template')),
  version     INT NOT NULL DEFAULT 1,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sales_scripts_contact_idx ON sales_scripts (org_id, contact_id, created_at DESC);

CREATE TABLE sales_script_versions (
  script_id       UUID NOT NULL REFERENCES sales_scripts (id) ON DELETE CASCADE,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  version         INT NOT NULL,
  text            TEXT NOT NULL,
  first_sentence  TEXT NOT NULL,
  edited_by       UUID,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (script_id, version)
);

-- Google Sheets call log of an organisation: service-account JSON encrypted with SecretBox.
CREATE TABLE call_log_sheets (
  org_id          UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  spreadsheet_id  TEXT NOT NULL,
  sheet_name      TEXT NOT NULL DEFAULT 'Calls',
  credentials     BYTEA NOT NULL,
  enabled         BOOLEAN NOT NULL DEFAULT true,
  last_error      TEXT,
  last_export_at  TIMESTAMPTZ,
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Finished calls waiting to be appended to the organisation's sheet (batched, retried).
CREATE TABLE call_log_exports (
  call_id          UUID PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
  org_id           UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  attempts         INT NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_error       TEXT
);

-- Outbound caller ids: Twilio numbers bought for the organisation, optionally one per agent.
CREATE TABLE call_phone_numbers (
  id           UUID PRIMARY KEY,
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  phone_number TEXT NOT NULL,
  twilio_sid   TEXT,
  agent_id     UUID,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (org_id, phone_number)
);
CREATE UNIQUE INDEX call_phone_numbers_agent_idx ON call_phone_numbers (org_id, agent_id) WHERE agent_id IS NOT NULL;

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['call_rates', 'call_settings', 'calls', 'call_turns', 'call_jobs', 'call_webhook_events', 'sales_scripts',
                           'sales_script_versions', 'call_log_sheets', 'call_log_exports', 'call_phone_numbers']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
