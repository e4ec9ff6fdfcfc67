-- The migration tool runs the file in one transaction.
-- fixture: wrap-in-transaction
-- expect: nested-transaction "BEGIN inside the transaction the migration tool wraps this file in opens no new transaction"
BEGIN;
ALTER TABLE users ADD COLUMN last_seen timestamptz;
COMMIT;
-- The COMMIT above ended the tool's transaction: this one has none to end.
-- expect: nested-transaction "COMMIT with no transaction open"
COMMIT;
