-- agents module: agent definitions, their runs (the trace of each answer), callbacks they booked,
-- per-conversation memory and playground sessions.
CREATE TABLE agents (
  id            UUID PRIMARY KEY,
  org_id        UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  -- everything an editor changes at once (instructions, intents, rules, hours, tools); validated in Java
  settings      JSONB NOT NULL,
  -- write-only secret header values of HTTP tools, encrypted (SecretBox, purpose agent-tool-secrets:<id>)
  tool_secrets  BYTEA,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX agents_org_idx ON agents (org_id, created_at DESC, id);

-- One row per answer the agent gave (or decided not to give): why it said what it said.
-- A channel message is answered once: the unique inbound message id guards redelivered events.
CREATE TABLE agent_runs (
  id                  UUID PRIMARY KEY,
  org_id              UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  agent_id            UUID NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  source              TEXT NOT NULL CHECK (source IN ('channel', 'playground')),
  conversation_id     UUID,
  inbound_message_id  UUID,
  reply_message_id    UUID,
  outcome             TEXT NOT NULL,
  trace               JSONB NOT NULL,
  total_latency_ms    INT NOT NULL,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agent_runs_inbound_key ON agent_runs (inbound_message_id) WHERE inbound_message_id IS NOT NULL;
CREATE INDEX agent_runs_agent_idx ON agent_runs (org_id, agent_id, created_at DESC, id);
CREATE INDEX agent_runs_conversation_idx ON agent_runs (org_id, conversation_id, created_at DESC, id);

-- "Call me back tomorrow at 5": booked by the built-in tool, worked by people.
CREATE TABLE callback_requests (
  id               UUID PRIMARY KEY,
  org_id           UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  agent_id         UUID REFERENCES agents (id) ON DELETE SET NULL,
  conversation_id  UUID,
  contact_id       UUID,
  phone            TEXT,
  requested_for    TIMESTAMPTZ,
  note             TEXT,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX callback_requests_org_idx ON callback_requests (org_id, created_at DESC);

-- What the agent remembers of a conversation beyond the last N turns, and its failure streak.
CREATE TABLE agent_conversation_state (
  conversation_id   UUID PRIMARY KEY,
  org_id            UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  summary           TEXT,
  summary_turns     INT NOT NULL DEFAULT 0,
  failed_in_row     INT NOT NULL DEFAULT 0,
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Playground sessions are not channel conversations: their turns live here.
CREATE TABLE agent_playground_turns (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  session_id  UUID NOT NULL,
  agent_id    UUID NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  speaker     TEXT NOT NULL CHECK (speaker IN ('user', 'assistant')),
  text        TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX agent_playground_turns_session_idx ON agent_playground_turns (session_id, id);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['agents', 'agent_runs', 'callback_requests', 'agent_conversation_state', 'agent_playground_turns']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
