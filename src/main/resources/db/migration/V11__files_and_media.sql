-- storage module: every stored blob of an organisation (media received or sent, uploads).
-- The bytes live in the blob backend (local disk or S3) under <org_id>/<category>/<key>.
CREATE TABLE files (
  key          TEXT PRIMARY KEY,
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  category     TEXT NOT NULL,
  filename     TEXT,
  content_type TEXT NOT NULL,
  size_bytes   BIGINT NOT NULL,
  sha256       TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX files_org_idx ON files (org_id, created_at DESC);

-- channels module: media a provider holds for an inbound message, fetched after the message is stored
-- (never in the webhook's path); retried with backoff, then the message shows the media as unavailable.
CREATE TABLE media_fetches (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  channel_id      UUID NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  message_id      UUID NOT NULL UNIQUE,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fetching', 'done', 'failed')),
  attempts        INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  claimed_at      TIMESTAMPTZ,
  last_error      TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX media_fetches_due_idx ON media_fetches (next_attempt_at, id) WHERE status = 'pending';

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['files', 'media_fetches']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
