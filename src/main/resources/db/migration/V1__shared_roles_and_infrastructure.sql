-- The application connects as the schema owner and immediately switches to this role
-- (Hikari connectionInitSql). It owns nothing and cannot bypass row-level security.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'switchboard_app') THEN
    CREATE ROLE switchboard_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;
GRANT switchboard_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO switchboard_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO switchboard_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO switchboard_app;

-- Spring Modulith event publication registry (transactional outbox), schema v2 of modulith-events-jdbc.
CREATE TABLE event_publication (
  id                     UUID PRIMARY KEY,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMPTZ NOT NULL,
  completion_date        TIMESTAMPTZ,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMPTZ
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

CREATE TABLE event_publication_archive (LIKE event_publication INCLUDING ALL);

-- Bucket4j state for rate limits that must hold across nodes.
CREATE TABLE rate_limit_buckets (
  id         TEXT PRIMARY KEY,
  state      BYTEA,
  expires_at BIGINT
);

-- Platform secrets (e.g. the JWT signing key), encrypted with the master key so every node shares them.
CREATE TABLE platform_secrets (
  name       TEXT PRIMARY KEY,
  ciphertext BYTEA NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
