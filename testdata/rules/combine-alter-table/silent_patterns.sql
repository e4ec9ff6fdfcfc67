CREATE TABLE orders (id bigint PRIMARY KEY, total int, customer_id bigint);
-- fixture: review
-- Statements kept apart on purpose: NOT VALID then VALIDATE (a weaker lock).
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
-- NOT NULL through a validated CHECK: SET NOT NULL must run before the DROP.
ALTER TABLE orders ADD CONSTRAINT orders_customer_not_null CHECK (customer_id IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_not_null;
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_customer_not_null;
-- Something in between breaks the run.
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN a text;
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN b text;
-- ONLY and the whole hierarchy are different targets.
ALTER TABLE ONLY orders ALTER COLUMN a SET DEFAULT '';
-- Tables created in the files under review are new and empty.
CREATE TABLE items (id bigint PRIMARY KEY);
ALTER TABLE items ADD COLUMN sku text;
ALTER TABLE items ADD COLUMN qty int;
