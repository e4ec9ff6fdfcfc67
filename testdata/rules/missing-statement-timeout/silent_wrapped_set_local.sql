CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);
-- fixture: review
-- fixture: wrap-in-transaction
SET LOCAL statement_timeout = '5s';
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
CREATE INDEX orders_total_idx ON orders (total);
