CREATE SCHEMA app;
CREATE TABLE app.orders (id bigint PRIMARY KEY, amount numeric);
-- fixture: review
SET search_path = app;
-- A history table is not new.
-- expect: add-check-constraint-validates "on app.orders"
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
