CREATE SCHEMA app;
CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz);
CREATE INDEX orders_created_at_idx ON orders (created_at);
CREATE TABLE app.orders (id bigint PRIMARY KEY);
CREATE UNLOGGED TABLE import_rows (id bigint, payload text);
-- fixture: review
-- expect: table-rewrite-command "VACUUM FULL rewrites public.orders"
VACUUM FULL orders;
-- expect: table-rewrite-command "VACUUM FULL"
VACUUM (FULL, ANALYZE) orders;
-- expect: table-rewrite-command "every table in the database"
VACUUM FULL;
-- expect: table-rewrite-command "CLUSTER rewrites public.orders"
CLUSTER orders USING orders_created_at_idx;
-- expect: table-rewrite-command "every table clustered before"
CLUSTER;
-- expect: table-rewrite-command "SET TABLESPACE fast_ssd"
ALTER TABLE orders SET TABLESPACE fast_ssd;
-- expect: table-rewrite-command "public.orders_created_at_idx"
ALTER INDEX orders_created_at_idx SET TABLESPACE fast_ssd;
-- expect: table-rewrite-command "tablespace pg_default"
ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE fast_ssd;
-- expect: table-rewrite-command "SET LOGGED rewrites public.import_rows"
ALTER TABLE import_rows SET LOGGED;
-- expect: table-rewrite-command "SET UNLOGGED rewrites public.orders"
ALTER TABLE orders SET UNLOGGED;
SET search_path = app;
-- expect: table-rewrite-command "app.orders"
VACUUM FULL orders;
