-- moderation module: per-organisation settings and the log of every decision.
CREATE TABLE moderation_settings (
  org_id                 UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  blocked_terms          TEXT[] NOT NULL DEFAULT '{}',
  mask_pii               BOOLEAN NOT NULL DEFAULT false,
  block_prompt_injection BOOLEAN NOT NULL DEFAULT false,
  use_openai_moderation  BOOLEAN NOT NULL DEFAULT false,
  updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE moderation_decisions (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  stage        TEXT NOT NULL CHECK (stage IN ('inbound', 'reply', 'call_prompt')),
  verdict      TEXT NOT NULL CHECK (verdict IN ('allow', 'flag', 'block')),
  findings     JSONB NOT NULL DEFAULT '[]'::jsonb,
  subject_ref  TEXT,
  excerpt      TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX moderation_decisions_org_idx ON moderation_decisions (org_id, created_at DESC, id DESC);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['moderation_settings', 'moderation_decisions']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
