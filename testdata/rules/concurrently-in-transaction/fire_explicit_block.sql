-- Every statement that PostgreSQL refuses inside BEGIN ... COMMIT.
BEGIN;
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
-- expect: concurrently-in-transaction "CREATE INDEX CONCURRENTLY cannot run inside the transaction opened by BEGIN on line 2"
CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at);
-- expect: concurrently-in-transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_number_key ON orders (number);
-- expect: concurrently-in-transaction "DROP INDEX CONCURRENTLY"
DROP INDEX CONCURRENTLY orders_old_idx;
-- expect: concurrently-in-transaction "REINDEX CONCURRENTLY"
REINDEX INDEX CONCURRENTLY orders_pkey;
-- expect: concurrently-in-transaction
REINDEX TABLE CONCURRENTLY orders;
-- expect: concurrently-in-transaction "DETACH PARTITION CONCURRENTLY"
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;
-- expect: concurrently-in-transaction "VACUUM"
VACUUM orders;
-- expect: concurrently-in-transaction
VACUUM (VERBOSE, ANALYZE) orders;
COMMIT;

-- START TRANSACTION opens a block too, and statements sharing a line count on that line.
START TRANSACTION;
-- expect: concurrently-in-transaction "BEGIN on line 23"
SELECT 1; CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
COMMIT;
