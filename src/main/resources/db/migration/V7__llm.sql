-- llm module: per-organisation provider configs, model prices and one row per provider call.
CREATE TABLE llm_providers (
  id                UUID PRIMARY KEY,
  org_id            UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  type              TEXT NOT NULL CHECK (type IN ('openai', 'anthropic', 'gemini', 'ollama')),
  name              TEXT NOT NULL,
  base_url          TEXT,
  api_key           BYTEA,
  model             TEXT NOT NULL,
  temperature       DOUBLE PRECISION,
  max_output_tokens INT,
  enabled           BOOLEAN NOT NULL DEFAULT true,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX llm_providers_org_idx ON llm_providers (org_id, created_at);

-- Platform prices (read-only for the application) and organisation overrides, per million tokens in
-- micros of the currency unit. A model matches the longest price key it starts with.
CREATE TABLE llm_default_prices (
  model                  TEXT PRIMARY KEY,
  input_micros_per_mtok  BIGINT NOT NULL CHECK (input_micros_per_mtok >= 0),
  output_micros_per_mtok BIGINT NOT NULL CHECK (output_micros_per_mtok >= 0)
);
INSERT INTO llm_default_prices (model, input_micros_per_mtok, output_micros_per_mtok) VALUES
  ('gpt-4o-mini',        150000,   600000),
  ('gpt-4o',            2500000, 10000000),
  ('gpt-4.1-mini',       400000,  1600000),
  ('gpt-4.1',           2000000,  8000000),
  ('claude-3-5-haiku',   800000,  4000000),
  ('claude-sonnet-4',   3000000, 15000000),
  ('gemini-2.0-flash',   100000,   400000),
  ('gemini-2.5-flash',   300000,  2500000),
  ('llama',                   0,        0);
REVOKE INSERT, UPDATE, DELETE ON llm_default_prices FROM switchboard_app;

CREATE TABLE llm_prices (
  org_id                 UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  model                  TEXT NOT NULL,
  input_micros_per_mtok  BIGINT NOT NULL CHECK (input_micros_per_mtok >= 0),
  output_micros_per_mtok BIGINT NOT NULL CHECK (output_micros_per_mtok >= 0),
  updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, model)
);

-- Every call to a provider (each try, each tool round), for cost accounting and the usage chart.
CREATE TABLE llm_calls (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id         UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  provider_id    UUID NOT NULL,
  provider_type  TEXT NOT NULL,
  provider_name  TEXT NOT NULL,
  model          TEXT NOT NULL,
  purpose        TEXT NOT NULL,
  input_tokens   INT NOT NULL DEFAULT 0,
  output_tokens  INT NOT NULL DEFAULT 0,
  cost_micros    BIGINT NOT NULL DEFAULT 0,
  latency_ms     INT NOT NULL,
  first_token_ms INT,
  outcome        TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'timeout', 'rate_limited')),
  error          TEXT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX llm_calls_org_time_idx ON llm_calls (org_id, created_at);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['llm_providers', 'llm_prices', 'llm_calls']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
