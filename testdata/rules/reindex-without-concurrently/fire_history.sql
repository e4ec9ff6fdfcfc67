CREATE SCHEMA app;
CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint, status text);
CREATE INDEX orders_user_id_idx ON app.orders (user_id);
-- fixture: review
SET search_path = app;
-- The index is found through search_path and named with its table.
-- expect: reindex-without-concurrently "a SHARE lock on app.orders and an ACCESS EXCLUSIVE lock on app.orders_user_id_idx"
REINDEX INDEX orders_user_id_idx;
-- expect: reindex-without-concurrently "REINDEX TABLE app.orders"
REINDEX TABLE orders;
-- An index created under review on an old table: the table is in use, so it is flagged.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
-- expect: reindex-without-concurrently "app.orders_status_idx"
REINDEX INDEX orders_status_idx;
