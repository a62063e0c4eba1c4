-- Row-level security reads two session settings the application sets per connection:
--   app.org_id  the organisation the current request acts for
--   app.system  'on' only for platform code that runs before an organisation is known
-- Users are global (one person may belong to several organisations); everything an organisation owns
-- carries org_id and is guarded by a policy.

CREATE TABLE organizations (
  id         UUID PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             UUID PRIMARY KEY,
  email          TEXT NOT NULL,
  name           TEXT NOT NULL,
  phone          TEXT,
  password_hash  TEXT,
  platform_role  TEXT CHECK (platform_role IN ('super_admin')),
  totp_secret    BYTEA,
  totp_enabled   BOOLEAN NOT NULL DEFAULT false,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_phone_key ON users (phone) WHERE phone IS NOT NULL;

CREATE TABLE memberships (
  org_id     UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'agent', 'viewer')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE invitations (
  id          UUID PRIMARY KEY,
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email       TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'agent', 'viewer')),
  token_hash  TEXT NOT NULL UNIQUE,
  invited_by  UUID REFERENCES users (id) ON DELETE SET NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at  TIMESTAMPTZ NOT NULL,
  accepted_at TIMESTAMPTZ,
  revoked_at  TIMESTAMPTZ
);
CREATE INDEX invitations_org_idx ON invitations (org_id, created_at DESC);

CREATE TABLE api_keys (
  id           UUID PRIMARY KEY,
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  prefix       TEXT NOT NULL,
  key_hash     TEXT NOT NULL UNIQUE,
  scopes       TEXT[] NOT NULL,
  created_by   UUID REFERENCES users (id) ON DELETE SET NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_used_at TIMESTAMPTZ,
  revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_keys_org_idx ON api_keys (org_id, created_at DESC);

CREATE TABLE refresh_tokens (
  id          UUID PRIMARY KEY,
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id   UUID NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at  TIMESTAMPTZ NOT NULL,
  used_at     TIMESTAMPTZ,
  revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- One-time codes are requested before anyone is signed in; org_id is set when an organisation's
-- contact signs in (billing self-service), null for platform users.
CREATE TABLE otp_codes (
  id          UUID PRIMARY KEY,
  org_id      UUID REFERENCES organizations (id) ON DELETE CASCADE,
  purpose     TEXT NOT NULL,
  phone       TEXT NOT NULL,
  code_hash   TEXT NOT NULL,
  attempts    INT NOT NULL DEFAULT 0,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at  TIMESTAMPTZ NOT NULL,
  consumed_at TIMESTAMPTZ
);
CREATE INDEX otp_codes_phone_idx ON otp_codes (purpose, phone, created_at DESC);

CREATE TABLE password_reset_tokens (
  id         UUID PRIMARY KEY,
  user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL,
  used_at    TIMESTAMPTZ
);

CREATE TABLE audit_events (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      UUID REFERENCES organizations (id) ON DELETE CASCADE,
  action      TEXT NOT NULL,
  actor_type  TEXT NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'anonymous')),
  actor_id    UUID,
  actor_label TEXT,
  target_type TEXT,
  target_id   TEXT,
  ip          TEXT,
  user_agent  TEXT,
  details     JSONB NOT NULL DEFAULT '{}'::jsonb,
  occurred_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_events_org_time_idx ON audit_events (org_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_org_action_idx ON audit_events (org_id, action, occurred_at DESC);

-- Append-only: the application role may only insert and read; a trigger stops everyone else.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM switchboard_app;
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Mail sent through SMTP, or kept here as the development mailbox when no SMTP server is configured.
CREATE TABLE outbound_emails (
  id          UUID PRIMARY KEY,
  org_id      UUID REFERENCES organizations (id) ON DELETE CASCADE,
  to_address  TEXT NOT NULL,
  subject     TEXT NOT NULL,
  body        TEXT NOT NULL,
  transport   TEXT NOT NULL CHECK (transport IN ('smtp', 'dev_mailbox')),
  status      TEXT NOT NULL CHECK (status IN ('stored', 'sent', 'failed')),
  error       TEXT,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX outbound_emails_org_idx ON outbound_emails (org_id, created_at DESC);

-- Tenant isolation policies.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organizations USING (
  current_setting('app.system', true) = 'on' OR id = nullif(current_setting('app.org_id', true), '')::uuid);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['memberships', 'invitations', 'api_keys', 'refresh_tokens', 'audit_events', 'outbound_emails', 'otp_codes']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
