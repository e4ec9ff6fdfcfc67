CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY);
CREATE INDEX invoices_id_idx ON billing.invoices (id);
ALTER TABLE billing.invoices ADD COLUMN total numeric;
CREATE FUNCTION billing.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TYPE billing.mood AS ENUM ('ok');
ALTER TYPE billing.mood ADD VALUE 'great';
DROP TABLE IF EXISTS billing.old_invoices;
-- Temporary tables live in pg_temp whatever the path.
CREATE TEMP TABLE scratch (id int);
-- Queries are not DDL.
SELECT count(*) FROM invoices;
