CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, during tstzrange);
CREATE INDEX orders_user_id_idx ON orders (user_id);
ALTER TABLE orders ADD CONSTRAINT orders_no_overlap EXCLUDE USING gist (user_id WITH =, during WITH &&);
-- fixture: review
-- The safe form (outside a transaction block).
REINDEX INDEX CONCURRENTLY orders_user_id_idx;
REINDEX (VERBOSE, CONCURRENTLY) TABLE orders;
REINDEX SCHEMA CONCURRENTLY public;
-- No concurrent form exists: an exclusion constraint's index, the system catalogues.
REINDEX INDEX orders_no_overlap;
REINDEX SYSTEM app;
-- New objects are not in use yet.
CREATE TABLE imports (id bigint PRIMARY KEY, batch int);
CREATE INDEX imports_batch_idx ON imports (batch);
REINDEX INDEX imports_batch_idx;
REINDEX TABLE imports;
CREATE SCHEMA staging;
REINDEX SCHEMA staging;
