CREATE SCHEMA app;
CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint, amount numeric);
-- A CHECK that does not prove IS NOT NULL (a comparison passes on NULL).
ALTER TABLE app.orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
-- A NOT VALID CHECK proves nothing until it is validated.
ALTER TABLE app.orders ADD CONSTRAINT orders_user_id_not_null CHECK (user_id IS NOT NULL) NOT VALID;
-- fixture: review
SET search_path = app;
-- expect: set-not-null-scan "on app.orders.user_id"
ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;
-- expect: set-not-null-scan "on app.orders.amount"
ALTER TABLE orders ALTER COLUMN amount SET NOT NULL;
-- A column added under review to an old table still needs the scan.
ALTER TABLE orders ADD COLUMN note text;
-- expect: set-not-null-scan "on app.orders.note"
ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
