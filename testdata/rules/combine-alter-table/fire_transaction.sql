CREATE TABLE orders (id bigint PRIMARY KEY, total int, tax int, note text);
-- fixture: review
-- fixture: wrap-in-transaction
-- Two rewrites where one would do.
ALTER TABLE orders ALTER COLUMN total TYPE bigint;
-- expect: combine-alter-table "both rewrite public.orders"
ALTER TABLE orders ALTER COLUMN tax TYPE bigint;
-- A lock upgrade: SHARE UPDATE EXCLUSIVE, then ACCESS EXCLUSIVE.
COMMIT;
BEGIN;
ALTER TABLE orders ALTER COLUMN note SET STATISTICS 500;
-- expect: combine-alter-table "upgrades the ShareUpdateExclusiveLock the earlier one took to AccessExclusiveLock"
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
COMMIT;
