-- contacts module: people an organisation talks to, on any channel.
CREATE TABLE contacts (
  id            UUID PRIMARY KEY,
  org_id        UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name          TEXT,
  phone         TEXT,
  email         TEXT,
  country_code  TEXT,
  tags          TEXT[] NOT NULL DEFAULT '{}',
  attributes    JSONB NOT NULL DEFAULT '{}'::jsonb,
  opted_out     BOOLEAN NOT NULL DEFAULT false,
  opted_out_at  TIMESTAMPTZ,
  consent       TEXT NOT NULL DEFAULT 'unknown' CHECK (consent IN ('unknown', 'granted', 'revoked')),
  notes         TEXT,
  merged_into   UUID REFERENCES contacts (id),
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contacts_phone_key ON contacts (org_id, phone) WHERE phone IS NOT NULL AND merged_into IS NULL;
CREATE INDEX contacts_org_created_idx ON contacts (org_id, created_at DESC, id);
CREATE INDEX contacts_search_idx ON contacts USING gin (to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')));

-- How a contact is known on one channel (WhatsApp wa_id, Twilio From, widget visitor id).
CREATE TABLE contact_identities (
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  channel_id  UUID NOT NULL,
  external_id TEXT NOT NULL,
  contact_id  UUID NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, channel_id, external_id)
);
CREATE INDEX contact_identities_contact_idx ON contact_identities (contact_id);

-- conversations module
CREATE TABLE conversations (
  id                   UUID PRIMARY KEY,
  org_id               UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  contact_id           UUID NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  channel_id           UUID NOT NULL,
  status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
  snoozed_until        TIMESTAMPTZ,
  assignee_user_id     UUID REFERENCES users (id) ON DELETE SET NULL,
  priority             TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  labels               TEXT[] NOT NULL DEFAULT '{}',
  unread_count         INT NOT NULL DEFAULT 0,
  last_message_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_inbound_at      TIMESTAMPTZ,
  last_message_preview TEXT,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX conversations_inbox_idx ON conversations (org_id, last_message_at DESC, id);
CREATE INDEX conversations_contact_idx ON conversations (org_id, contact_id, channel_id, created_at DESC);

CREATE TABLE messages (
  id                  UUID PRIMARY KEY,
  org_id              UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  conversation_id     UUID NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  channel_id          UUID NOT NULL,
  direction           TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal')),
  sender_type         TEXT NOT NULL CHECK (sender_type IN ('contact', 'user', 'agent', 'system')),
  sender_id           UUID,
  kind                TEXT NOT NULL,
  content             JSONB NOT NULL,
  body_text           TEXT,
  provider_message_id TEXT,
  delivery_state      TEXT NOT NULL CHECK (delivery_state IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
  error               TEXT,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  search              TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', coalesce(body_text, ''))) STORED
);
-- A provider message id is recorded once per channel: replays of a webhook are no-ops.
CREATE UNIQUE INDEX messages_provider_id_key ON messages (channel_id, provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE INDEX messages_thread_idx ON messages (conversation_id, created_at, id);
CREATE INDEX messages_search_idx ON messages USING gin (search);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['contacts', 'contact_identities', 'conversations', 'messages']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
