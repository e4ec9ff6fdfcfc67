BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_id_check CHECK (id > 0) NOT VALID;
-- schemaguard: ignore validate-in-same-transaction -- the table holds a few rows
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
-- expect: validate-in-same-transaction
ALTER TABLE orders VALIDATE CONSTRAINT orders_id_check;
COMMIT;
