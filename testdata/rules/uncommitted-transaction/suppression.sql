-- schemaguard: ignore uncommitted-transaction -- the runner appends COMMIT
BEGIN;
ALTER TABLE users ADD COLUMN last_seen timestamptz;
