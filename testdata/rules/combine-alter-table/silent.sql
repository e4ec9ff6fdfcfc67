CREATE TABLE orders (id bigint PRIMARY KEY, total int, note text);
-- fixture: review
-- fixture: wrap-in-transaction
-- Inside a transaction the ACCESS EXCLUSIVE lock is already held: nothing to gain.
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';
