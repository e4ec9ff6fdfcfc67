-- fixture: wrap-in-transaction
-- schemaguard: ignore nested-transaction -- the runner strips this line before sending the file
BEGIN;
ALTER TABLE users ADD COLUMN last_seen timestamptz;
COMMIT;
COMMIT; -- schemaguard: ignore nested-transaction -- same
-- expect: nested-transaction
ROLLBACK;
