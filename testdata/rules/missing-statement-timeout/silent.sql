CREATE TABLE orders (id bigint PRIMARY KEY, total numeric, note text);
-- fixture: review
SET statement_timeout = '5s';
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
CREATE INDEX orders_total_idx ON orders (total);
ALTER TABLE orders ALTER COLUMN note TYPE int USING note::int;
