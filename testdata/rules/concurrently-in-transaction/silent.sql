-- Outside any transaction block: the safe form.
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
DROP INDEX CONCURRENTLY orders_old_idx;
REINDEX INDEX CONCURRENTLY orders_pkey;
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;
VACUUM orders;

-- After the block is committed or rolled back.
BEGIN;
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
COMMIT;
CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at);
BEGIN;
ROLLBACK;
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);

-- Statements that may run inside a transaction block.
BEGIN;
CREATE INDEX orders_created_at_idx ON orders (created_at);
DROP INDEX orders_created_at_idx;
REINDEX INDEX orders_pkey;
ALTER TABLE measurements DETACH PARTITION measurements_2019;
ANALYZE orders;
COMMIT;
