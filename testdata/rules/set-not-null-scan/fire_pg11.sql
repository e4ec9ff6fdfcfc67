-- fixture: pg-version 11
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
ALTER TABLE orders ADD CONSTRAINT orders_user_id_not_null CHECK (user_id IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_not_null;
-- fixture: review
-- PostgreSQL 11 does not use the validated CHECK to skip the scan.
-- expect: set-not-null-scan "orders.user_id"
ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;
