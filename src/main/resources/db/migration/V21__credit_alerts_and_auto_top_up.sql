-- Low-balance alerts are sent once per drop below the threshold (alerted_at is cleared when the
-- balance is back above it); auto top-up charges the saved card off-session when available credits
-- fall below auto_top_up_below_minor.
ALTER TABLE credit_accounts
  ADD COLUMN low_balance_alerted_at   TIMESTAMPTZ,
  ADD COLUMN auto_top_up_below_minor  BIGINT CHECK (auto_top_up_below_minor >= 0),
  ADD COLUMN auto_top_up_amount_minor BIGINT CHECK (auto_top_up_amount_minor > 0),
  ADD COLUMN auto_top_up_attempted_at TIMESTAMPTZ,
  ADD COLUMN auto_top_up_error        TEXT,
  ADD CONSTRAINT credit_accounts_auto_top_up_pair
    CHECK ((auto_top_up_below_minor IS NULL) = (auto_top_up_amount_minor IS NULL));

-- the alert scan only looks at accounts that asked for an alert or an auto top-up
CREATE INDEX credit_accounts_watched ON credit_accounts (org_id)
  WHERE low_balance_threshold_minor IS NOT NULL OR auto_top_up_below_minor IS NOT NULL;
