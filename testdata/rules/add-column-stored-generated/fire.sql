CREATE SCHEMA app;
CREATE TABLE orders (id bigint PRIMARY KEY, quantity int, unit_cents bigint);
CREATE TABLE app.orders (id bigint PRIMARY KEY, quantity int);
-- fixture: review
-- expect: add-column-stored-generated "public.orders"
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * unit_cents) STORED;
SET search_path = app, public;
-- expect: add-column-stored-generated "app.orders"
ALTER TABLE orders ADD COLUMN doubled int GENERATED ALWAYS AS (quantity * 2) STORED;
