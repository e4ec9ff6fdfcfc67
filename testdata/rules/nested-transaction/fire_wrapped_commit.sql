-- fixture: wrap-in-transaction
ALTER TABLE users ADD COLUMN last_seen timestamptz;
-- expect: nested-transaction "COMMIT ends the transaction the migration tool wraps this file in early: the statements after it run outside any transaction"
COMMIT;
-- After it, a BEGIN ... COMMIT block of the file's own is fine.
BEGIN;
UPDATE users SET last_seen = now() WHERE id = 1;
COMMIT;
