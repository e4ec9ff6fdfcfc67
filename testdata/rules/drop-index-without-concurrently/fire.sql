CREATE SCHEMA app;
CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint, status text);
CREATE INDEX orders_status_idx ON app.orders (status);
CREATE INDEX orders_user_id_idx ON app.orders (user_id);
-- fixture: review
-- expect: drop-index-without-concurrently "DROP INDEX app.orders_status_idx without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on app.orders"
DROP INDEX app.orders_status_idx;
-- One finding per index; each gets its own DROP INDEX CONCURRENTLY.
-- expect: drop-index-without-concurrently "app.orders_user_id_idx"
-- expect: drop-index-without-concurrently "public.legacy_idx"
DROP INDEX IF EXISTS app.orders_user_id_idx, legacy_idx;
-- An index created under review on an old table still locks that table.
CREATE INDEX CONCURRENTLY orders_tmp_idx ON app.orders (status, user_id);
-- expect: drop-index-without-concurrently "app.orders_tmp_idx"
DROP INDEX app.orders_tmp_idx;
