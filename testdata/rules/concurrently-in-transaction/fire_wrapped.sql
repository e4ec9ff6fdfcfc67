-- The migration tool runs the whole file in one transaction.
-- fixture: wrap-in-transaction
-- expect: concurrently-in-transaction "the migration tool wraps this file in"
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
-- expect: concurrently-in-transaction
DROP INDEX CONCURRENTLY IF EXISTS public.orders_old_idx;
-- expect: concurrently-in-transaction
VACUUM orders;
