-- Google Sheets call log: the service account's e-mail (shown so admins can share the sheet with it;
-- the key itself stays encrypted and write-only) and when the last append was tried.
ALTER TABLE call_log_sheets ADD COLUMN service_account_email TEXT;
ALTER TABLE call_log_sheets ADD COLUMN last_attempt_at TIMESTAMPTZ;
CREATE INDEX call_log_exports_due_idx ON call_log_exports (org_id, next_attempt_at);
