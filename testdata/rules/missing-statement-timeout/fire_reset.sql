CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);
-- fixture: review
SET statement_timeout = '5s';
SET statement_timeout = 0;
-- expect: missing-statement-timeout
CREATE INDEX orders_total_idx ON orders (total);
