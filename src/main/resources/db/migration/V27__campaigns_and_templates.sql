-- Message templates (per channel: WhatsApp ones are reviewed by Meta, others are local) and campaigns
-- with one claim row per (campaign, contact): the unique key is what keeps a crash, a restart or a
-- second node from sending twice.
CREATE TABLE message_templates (
  id                   UUID PRIMARY KEY,
  org_id               UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  channel_id           UUID NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  name                 TEXT NOT NULL,
  language             TEXT NOT NULL,
  category             TEXT NOT NULL CHECK (category IN ('marketing', 'utility', 'authentication')),
  header               TEXT,
  body                 TEXT NOT NULL,
  footer               TEXT,
  buttons              JSONB NOT NULL DEFAULT '[]'::jsonb,
  -- [{"name": "1", "sample": "Ada"}] in order of first appearance
  variables            JSONB NOT NULL DEFAULT '[]'::jsonb,
  -- local: usable at once (SMS, web chat, sandbox); draft/pending/approved/rejected/paused/disabled: Meta's review
  status               TEXT NOT NULL CHECK (status IN ('local', 'draft', 'pending', 'approved', 'rejected', 'paused', 'disabled')),
  status_reason        TEXT,
  provider_template_id TEXT,
  submitted_at         TIMESTAMPTZ,
  status_checked_at    TIMESTAMPTZ,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (org_id, channel_id, name, language)
);
CREATE INDEX message_templates_pending_idx ON message_templates (status_checked_at NULLS FIRST) WHERE status = 'pending';
CREATE INDEX message_templates_provider_idx ON message_templates (channel_id, provider_template_id);

CREATE TABLE campaigns (
  id                 UUID PRIMARY KEY,
  org_id             UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name               TEXT NOT NULL,
  channel_id         UUID NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  template_id        UUID NOT NULL REFERENCES message_templates (id),
  -- template variable -> source: contact.name, contact.phone, attribute.<key>, column.<csv column>, text:<literal>
  variable_sources   JSONB NOT NULL DEFAULT '{}'::jsonb,
  -- {"tags": [...], "attributes": {...}, "activeWithinDays": n, "inactiveForDays": n, "channelIdentity": bool} or {"csv": true}
  audience           JSONB NOT NULL,
  require_consent    BOOLEAN NOT NULL DEFAULT false,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  scheduled_at       TIMESTAMPTZ,
  time_zone          TEXT NOT NULL DEFAULT 'UTC',
  rate_per_second    DOUBLE PRECISION NOT NULL,
  price_minor        BIGINT NOT NULL DEFAULT 0,
  credit_hold_id     UUID,
  excluded_opted_out INT NOT NULL DEFAULT 0,
  excluded_no_consent INT NOT NULL DEFAULT 0,
  csv_rows           INT NOT NULL DEFAULT 0,
  csv_failed         INT NOT NULL DEFAULT 0,
  fanned_out_at      TIMESTAMPTZ,
  started_at         TIMESTAMPTZ,
  completed_at       TIMESTAMPTZ,
  created_by         UUID,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX campaigns_org_idx ON campaigns (org_id, created_at DESC, id);
CREATE INDEX campaigns_due_idx ON campaigns (scheduled_at) WHERE status = 'scheduled';
CREATE INDEX campaigns_running_idx ON campaigns (id) WHERE status = 'running';

-- a CSV audience as uploaded: one row per good line (contact resolved, columns kept for variables)
CREATE TABLE campaign_csv_rows (
  org_id      UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  campaign_id UUID NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  contact_id  UUID NOT NULL,
  line        BIGINT NOT NULL,
  columns     JSONB NOT NULL,
  PRIMARY KEY (campaign_id, contact_id)
);

-- the claims: written once by the fan-out, moved forward by the dispatcher and by delivery callbacks
CREATE TABLE campaign_recipients (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id         UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  campaign_id    UUID NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  contact_id     UUID NOT NULL,
  columns        JSONB,
  -- pending: not handed to the channel yet; queued: in the channel's queue (message_id set); skipped: opted
  -- out before sending or cancelled; failed: could not be queued (reason)
  status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'skipped', 'failed')),
  message_id     UUID,
  conversation_id UUID,
  delivery_state TEXT,
  error          TEXT,
  queued_at      TIMESTAMPTZ,
  replied_at     TIMESTAMPTZ,
  reply_message_id UUID,
  opted_out_at   TIMESTAMPTZ,
  UNIQUE (campaign_id, contact_id)
);
CREATE INDEX campaign_recipients_pending_idx ON campaign_recipients (campaign_id, id) WHERE status = 'pending';
CREATE UNIQUE INDEX campaign_recipients_message_idx ON campaign_recipients (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX campaign_recipients_contact_idx ON campaign_recipients (org_id, contact_id, queued_at DESC) WHERE status = 'queued';

-- a campaign's send may carry its own pace through the channel's queue (never above the campaign's rate)
ALTER TABLE outbound_messages ADD COLUMN pace_key TEXT, ADD COLUMN pace_rate DOUBLE PRECISION;

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['message_templates', 'campaigns', 'campaign_csv_rows', 'campaign_recipients']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I USING (
      current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
