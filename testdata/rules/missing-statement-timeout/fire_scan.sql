CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);
-- fixture: review
-- expect: missing-statement-timeout "scans public.orders"
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
