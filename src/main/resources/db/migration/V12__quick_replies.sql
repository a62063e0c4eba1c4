-- conversations module: canned answers an organisation's people insert in the composer with "/shortcut".
CREATE TABLE quick_replies (
  id         UUID PRIMARY KEY,
  org_id     UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  shortcut   TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_by UUID,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX quick_replies_shortcut_idx ON quick_replies (org_id, lower(shortcut));

ALTER TABLE quick_replies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON quick_replies USING (
  current_setting('app.system', true) = 'on' OR org_id = nullif(current_setting('app.org_id', true), '')::uuid);
