-- The safe way to add and fill a column on a busy table: a short lock timeout, a
-- nullable column without a default (no rewrite), a backfill in bounded batches
-- (this file runs one batch; the deploy job repeats it until no row is left), and
-- the index built concurrently, outside a transaction block.
SET lock_timeout = '3s';

ALTER TABLE orders ADD COLUMN status text;

UPDATE orders SET status = 'paid'
WHERE id IN (SELECT id FROM orders WHERE status IS NULL ORDER BY id LIMIT 5000);

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON orders (status);
