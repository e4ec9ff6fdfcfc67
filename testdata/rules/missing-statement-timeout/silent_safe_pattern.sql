CREATE TABLE orders (id bigint PRIMARY KEY, total numeric, note varchar(20));
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
-- fixture: review
-- Catalog-only changes and work under SHARE UPDATE EXCLUSIVE are not counted.
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
-- A new table is empty.
CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric);
ALTER TABLE refunds ALTER COLUMN amount TYPE int;
CREATE INDEX refunds_amount_idx ON refunds (amount);
