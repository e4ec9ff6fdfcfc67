-- SET LOCAL ends with its transaction.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users ADD COLUMN a int;
COMMIT;
-- expect: missing-lock-timeout
ALTER TABLE users ADD COLUMN b int;
