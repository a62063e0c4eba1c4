-- analytics module: scheduled e-mail digests. One settings row per organisation; one row per sent
-- period, claimed (unique key) before the mail goes out, so a restart or a second node never sends
-- the same digest twice.
CREATE TABLE analytics_digest_settings (
  org_id     UUID PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  frequency  TEXT NOT NULL CHECK (frequency IN ('off', 'daily', 'weekly')),
  time_zone  TEXT NOT NULL DEFAULT 'UTC',
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE analytics_digests (
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  period_start DATE NOT NULL,
  period_end   DATE NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('daily', 'weekly', 'manual')),
  recipients   INT NOT NULL DEFAULT 0,
  sent_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (org_id, kind, period_start)
);
CREATE INDEX analytics_digests_org_idx ON analytics_digests (org_id, sent_at DESC);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['analytics_digest_settings', 'analytics_digests']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
