BEGIN;
-- schemaguard: ignore concurrently-in-transaction -- the deploy script sends this file statement by statement
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
VACUUM orders; -- schemaguard: ignore concurrently-in-transaction -- same
-- schemaguard: ignore missing-lock-timeout -- another rule's id does not silence this one
-- expect: concurrently-in-transaction
DROP INDEX CONCURRENTLY orders_old_idx;
COMMIT;
