-- One statement is one transaction, even outside a transaction block.
-- expect: validate-in-same-transaction "(earlier in the same statement)"
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID, VALIDATE CONSTRAINT orders_total_check;
