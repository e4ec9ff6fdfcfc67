-- A wrapped file with only statements that are fine in a transaction.
-- fixture: wrap-in-transaction
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
CREATE INDEX orders_shipped_at_idx ON orders (shipped_at);
ANALYZE orders;
