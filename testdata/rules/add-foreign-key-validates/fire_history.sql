CREATE SCHEMA app;
CREATE TABLE app.users (id bigint PRIMARY KEY);
CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint);
-- fixture: review
SET search_path = app;
-- A history table is not new.
-- expect: add-foreign-key-validates "on app.orders checks every row while a SHARE ROW EXCLUSIVE lock blocks writes to app.orders and app.users"
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
-- The referenced table is new, the referencing one is not: its rows are still checked.
CREATE TABLE coupons (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN coupon_id bigint;
-- expect: add-foreign-key-validates "app.orders and app.coupons"
ALTER TABLE orders ADD FOREIGN KEY (coupon_id) REFERENCES coupons (id);
