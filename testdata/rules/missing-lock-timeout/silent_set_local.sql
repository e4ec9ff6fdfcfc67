BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users ADD COLUMN a int;
ALTER TABLE users ADD COLUMN b int;
COMMIT;
