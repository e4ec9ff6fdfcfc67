CREATE TABLE orders (id bigint PRIMARY KEY, status text, created_at date);
CREATE INDEX orders_status_idx ON orders (status);
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE INDEX events_at_idx ON events (at);
-- fixture: review
-- The safe form.
DROP INDEX CONCURRENTLY orders_status_idx;
DROP INDEX CONCURRENTLY IF EXISTS orders_gone_idx;
-- No concurrent form: a partitioned table's index, an index that backs a constraint (the drop fails).
DROP INDEX events_at_idx;
DROP INDEX orders_pkey;
-- A table created under review is not in use yet.
CREATE TABLE imports (id bigint, batch int);
CREATE INDEX imports_batch_idx ON imports (batch);
DROP INDEX imports_batch_idx;
-- Not an index.
DROP TABLE imports;
