-- OAuth 2.1 authorization server for MCP clients (ADR 0009).
-- Clients register themselves (RFC 7591) before anyone signs in: global, no org_id.
CREATE TABLE oauth_clients (
  client_id           TEXT PRIMARY KEY,
  client_secret_hash  TEXT,
  client_name         TEXT NOT NULL,
  redirect_uris       TEXT[] NOT NULL,
  auth_method         TEXT NOT NULL CHECK (auth_method IN ('none', 'client_secret_post', 'client_secret_basic')),
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Approved authorize requests awaiting the user's decision on the consent page: the handle is a
-- random id (hash stored), valid for a few minutes.
CREATE TABLE oauth_pending_requests (
  handle_hash     TEXT PRIMARY KEY,
  client_id       TEXT NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
  redirect_uri    TEXT NOT NULL,
  code_challenge  TEXT NOT NULL,
  scope           TEXT NOT NULL,
  resource        TEXT NOT NULL,
  state           TEXT,
  expires_at      TIMESTAMPTZ NOT NULL,
  decided_at      TIMESTAMPTZ
);

-- A grant = one connected client for one user in one organisation; revoking it kills its tokens.
CREATE TABLE oauth_grants (
  id           UUID PRIMARY KEY,
  org_id       UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id    TEXT NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
  scope        TEXT NOT NULL,
  tools        TEXT[],
  resource     TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_used_at TIMESTAMPTZ,
  revoked_at   TIMESTAMPTZ
);
CREATE INDEX oauth_grants_org_idx ON oauth_grants (org_id, created_at DESC);

CREATE TABLE oauth_codes (
  code_hash       TEXT PRIMARY KEY,
  grant_id        UUID NOT NULL REFERENCES oauth_grants (id) ON DELETE CASCADE,
  org_id          UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  redirect_uri    TEXT NOT NULL,
  code_challenge  TEXT NOT NULL,
  expires_at      TIMESTAMPTZ NOT NULL,
  used_at         TIMESTAMPTZ
);

CREATE TABLE oauth_tokens (
  token_hash  TEXT PRIMARY KEY,
  grant_id    UUID NOT NULL REFERENCES oauth_grants (id) ON DELETE CASCADE,
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
  expires_at  TIMESTAMPTZ NOT NULL,
  used_at     TIMESTAMPTZ
);
CREATE INDEX oauth_tokens_grant_idx ON oauth_tokens (grant_id);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['oauth_grants', 'oauth_codes', 'oauth_tokens']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;

-- Global tables (no tenant): only reachable in system scope.
DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['oauth_clients', 'oauth_pending_requests']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY system_only ON %I USING (current_setting('app.system', true) = 'on')$p$, t);
  END LOOP;
END
$$;
