CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE UNLOGGED TABLE import_rows (id bigint);
-- fixture: review
-- Plain VACUUM does not rewrite and does not block reads or writes.
VACUUM orders;
VACUUM (ANALYZE) orders;
VACUUM (FULL false) orders;
ANALYZE orders;
-- Already in the wanted persistence: nothing to rewrite.
ALTER TABLE orders SET LOGGED;
ALTER TABLE import_rows SET UNLOGGED;
-- A table created under review is new and empty.
CREATE TABLE staging (id bigint);
CREATE INDEX staging_id_idx ON staging (id);
ALTER TABLE staging SET UNLOGGED;
ALTER TABLE staging SET TABLESPACE fast_ssd;
VACUUM FULL staging;
CLUSTER staging USING staging_id_idx;
ALTER INDEX staging_id_idx SET TABLESPACE fast_ssd;
