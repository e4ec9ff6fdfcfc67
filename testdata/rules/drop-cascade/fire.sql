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
-- expect: drop-cascade "DROP TABLE app.customers CASCADE also drops view app.active_customers, materialized view app.region_counts and foreign key orders_customer_id_fkey on app.orders, which the statement does not name"
DROP TABLE app.customers CASCADE;
