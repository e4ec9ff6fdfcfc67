-- The migration tool's COMMIT at the end commits whatever is open (nested-transaction flags the BEGIN).
-- fixture: wrap-in-transaction
BEGIN;
ALTER TABLE users ADD COLUMN last_seen timestamptz;
