-- conversations module: a legal hold keeps a conversation (and its contact) out of the retention
-- purge and the GDPR erasure until an admin clears it.
ALTER TABLE conversations ADD COLUMN legal_hold_at TIMESTAMPTZ;
ALTER TABLE conversations ADD COLUMN legal_hold_by UUID;
-- the purge looks for old messages per organisation
CREATE INDEX messages_org_created_idx ON messages (org_id, created_at);

-- privacy module: one row per organisation and purge run (scheduled or started by an admin), with
-- what it removed. Counts only: never content.
CREATE TABLE retention_runs (
  id                     UUID PRIMARY KEY,
  org_id                 UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  trigger                TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  history_days           INT,
  cutoff                 TIMESTAMPTZ,
  started_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at            TIMESTAMPTZ,
  messages_deleted       BIGINT NOT NULL DEFAULT 0,
  files_deleted          BIGINT NOT NULL DEFAULT 0,
  conversations_deleted  BIGINT NOT NULL DEFAULT 0,
  error                  TEXT
);
CREATE INDEX retention_runs_org_idx ON retention_runs (org_id, started_at DESC);

ALTER TABLE retention_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON retention_runs USING (
  current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid);
