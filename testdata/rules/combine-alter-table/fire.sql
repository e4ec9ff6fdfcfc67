-- No transaction: each statement queues for its own lock.
ALTER TABLE orders ADD COLUMN note text;
-- expect: combine-alter-table "ALTER TABLE public.orders directly follows another ALTER TABLE of it (line 2): outside a transaction each statement waits for its own AccessExclusiveLock"
ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';
-- A run of three: the suggestion combines all of them.
-- expect: combine-alter-table "(line 2)"
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
-- Another table breaks the run.
ALTER TABLE customers ADD COLUMN note text;
ALTER TABLE orders DROP COLUMN legacy;
