CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);
-- fixture: review
-- SET LOCAL ends with its transaction.
BEGIN;
SET LOCAL statement_timeout = '5s';
CREATE INDEX orders_total_idx ON orders (total);
COMMIT;
-- expect: missing-statement-timeout
CREATE INDEX orders_id_total_idx ON orders (id, total);
