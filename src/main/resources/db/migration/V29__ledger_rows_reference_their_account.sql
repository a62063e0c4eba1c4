-- Holds and entries reference their organisation's credit account instead of the organisation.
-- Every posting already updates (and so locks) that account row in the same statement, so the
-- foreign-key check finds it locked by its own transaction and costs nothing more. Checking
-- organizations instead took a KEY SHARE lock on the organisation row for every inserted row: a
-- WAL record each, and a shared multixact when several postings of one organisation overlap.
-- Deleting an organisation still removes everything: organizations -> credit_accounts -> these.
INSERT INTO credit_accounts (org_id)
SELECT org_id FROM credit_entries UNION SELECT org_id FROM credit_holds
ON CONFLICT (org_id) DO NOTHING;

ALTER TABLE credit_entries
  DROP CONSTRAINT credit_entries_org_id_fkey,
  ADD CONSTRAINT credit_entries_account_fkey FOREIGN KEY (org_id) REFERENCES credit_accounts (org_id) ON DELETE CASCADE;

ALTER TABLE credit_holds
  DROP CONSTRAINT credit_holds_org_id_fkey,
  ADD CONSTRAINT credit_holds_account_fkey FOREIGN KEY (org_id) REFERENCES credit_accounts (org_id) ON DELETE CASCADE;
