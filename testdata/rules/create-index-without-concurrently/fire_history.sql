CREATE SCHEMA app;
CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint);
-- fixture: review
SET search_path = app;
-- A history table is not new.
-- expect: create-index-without-concurrently "on app.orders"
CREATE INDEX orders_user_id_idx ON orders (user_id);
