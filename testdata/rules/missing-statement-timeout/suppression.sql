CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);
-- fixture: review
-- schemaguard: ignore missing-statement-timeout -- orders has 12 rows
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
