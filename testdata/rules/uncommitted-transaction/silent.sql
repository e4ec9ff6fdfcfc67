BEGIN;
ALTER TABLE users ADD COLUMN last_seen timestamptz;
COMMIT;
START TRANSACTION;
SELECT 1;
ROLLBACK;
BEGIN;
SELECT 1;
END;
-- No transaction block at all.
ALTER TABLE users ADD COLUMN note text;
