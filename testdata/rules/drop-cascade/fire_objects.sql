CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('happy', 'sad');
CREATE DOMAIN app.positive AS int CHECK (VALUE > 0);
CREATE TABLE app.customers (id bigint PRIMARY KEY, region text, mood app.mood);
CREATE TABLE app.orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES app.customers (id), qty app.positive);
CREATE VIEW app.active_customers AS SELECT id, region FROM app.customers;
CREATE MATERIALIZED VIEW app.region_counts AS SELECT region, count(*) FROM app.customers GROUP BY region;
CREATE SEQUENCE app.invoice_numbers;
CREATE TABLE app.invoices (id bigint PRIMARY KEY, number bigint DEFAULT nextval('app.invoice_numbers'));
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER invoices_touch BEFORE UPDATE ON app.invoices FOR EACH ROW EXECUTE FUNCTION app.touch();
-- fixture: review
-- expect: drop-cascade "DROP TYPE app.mood CASCADE also drops column app.customers.mood with its data"
DROP TYPE app.mood CASCADE;
-- expect: drop-cascade "DROP DOMAIN app.positive CASCADE also drops column app.orders.qty with its data"
DROP DOMAIN app.positive CASCADE;
-- expect: drop-cascade "DROP SEQUENCE app.invoice_numbers CASCADE also drops the default of app.invoices.number"
DROP SEQUENCE app.invoice_numbers CASCADE;
-- expect: drop-cascade "DROP FUNCTION app.touch CASCADE also drops trigger invoices_touch on app.invoices"
DROP FUNCTION app.touch() CASCADE;
-- The columns and constraints a table's dependents use.
-- expect: drop-cascade "DROP COLUMN app.customers.region CASCADE also drops view app.active_customers and materialized view app.region_counts,"
ALTER TABLE app.customers DROP COLUMN region CASCADE;
-- expect: drop-cascade "DROP CONSTRAINT customers_pkey on app.customers CASCADE also drops foreign key orders_customer_id_fkey on app.orders"
ALTER TABLE app.customers DROP CONSTRAINT customers_pkey CASCADE;
