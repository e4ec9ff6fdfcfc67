CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status text NOT NULL, amount numeric);
ALTER TABLE orders ADD CONSTRAINT orders_amount_not_null CHECK (amount IS NOT NULL AND amount > 0);
-- fixture: review
-- The safe sequence: CHECK NOT VALID, VALIDATE, SET NOT NULL (no scan on 12+), DROP CONSTRAINT.
ALTER TABLE orders ADD CONSTRAINT orders_user_id_not_null CHECK (user_id IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_not_null;
ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_user_id_not_null;
-- Already NOT NULL: nothing to check.
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
-- A validated CHECK from history whose AND includes amount IS NOT NULL.
ALTER TABLE orders ALTER COLUMN amount SET NOT NULL;
-- A table created under review is empty.
CREATE TABLE events (id bigint PRIMARY KEY, kind text);
ALTER TABLE events ALTER COLUMN kind SET NOT NULL;
-- DROP NOT NULL is another rule's business.
ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;
