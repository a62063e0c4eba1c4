-- flows module: flow definitions (a draft document the builder autosaves), immutable published
-- versions, one runtime session per conversation and flow run, every executed step, and the durable
-- timers (delays, reply timeouts) any node's worker picks up.
CREATE TABLE flows (
  id                 UUID PRIMARY KEY,
  org_id             UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name               TEXT NOT NULL,
  description        TEXT,
  -- what the canvas edits; saved even when invalid (the errors are answered beside it)
  draft              JSONB NOT NULL,
  -- the version inbound messages run (null until the first publish)
  active_version     INT,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX flows_org_idx ON flows (org_id, updated_at DESC, id);

-- Published documents never change: a running session keeps executing the version it started on.
CREATE TABLE flow_versions (
  org_id        UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  flow_id       UUID NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
  version       INT NOT NULL,
  document      JSONB NOT NULL,
  published_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  published_by  UUID,
  note          TEXT,
  PRIMARY KEY (flow_id, version)
);

CREATE OR REPLACE FUNCTION flow_versions_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'flow versions are immutable';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER flow_versions_no_update BEFORE UPDATE ON flow_versions
  FOR EACH ROW EXECUTE FUNCTION flow_versions_immutable();

-- One run of a flow in a conversation. At most one active session per conversation.
CREATE TABLE flow_sessions (
  id                UUID PRIMARY KEY,
  org_id            UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  flow_id           UUID NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
  flow_version      INT NOT NULL,
  conversation_id   UUID NOT NULL,
  contact_id        UUID,
  -- active: waiting or running; completed: reached an end; handoff: handed to people;
  -- stopped: the contact said stop, the step budget ran out, or a newer run replaced it
  status            TEXT NOT NULL CHECK (status IN ('active', 'completed', 'handoff', 'stopped')),
  -- engine state: current node, variables, waitingFor, retries, call stack, wait sequence
  state             JSONB NOT NULL,
  -- the last inbound message this session consumed (redelivered events are no-ops)
  last_message_id   UUID,
  started_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX flow_sessions_active_key ON flow_sessions (conversation_id) WHERE status = 'active';
CREATE INDEX flow_sessions_flow_idx ON flow_sessions (org_id, flow_id, started_at);

CREATE TABLE flow_steps (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id             UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  session_id         UUID NOT NULL REFERENCES flow_sessions (id) ON DELETE CASCADE,
  flow_id            UUID NOT NULL,
  flow_version       INT NOT NULL,
  conversation_id    UUID,
  node_id            TEXT NOT NULL,
  node_type          TEXT NOT NULL,
  input              TEXT,
  output             TEXT,
  variables_changed  JSONB,
  at                 TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX flow_steps_conversation_idx ON flow_steps (org_id, conversation_id, id);
CREATE INDEX flow_steps_flow_idx ON flow_steps (org_id, flow_id, at);

-- Durable timers: a delay or a reply timeout fires here after a restart too. `wait_seq` must still
-- match the session's state when it fires, so a timer overtaken by a reply does nothing.
CREATE TABLE flow_jobs (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  session_id   UUID NOT NULL REFERENCES flow_sessions (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('delay', 'timeout')),
  wait_seq     INT NOT NULL,
  due_at       TIMESTAMPTZ NOT NULL,
  attempts     INT NOT NULL DEFAULT 0
);
CREATE INDEX flow_jobs_due_idx ON flow_jobs (due_at);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['flows', 'flow_versions', 'flow_sessions', 'flow_steps', 'flow_jobs']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
