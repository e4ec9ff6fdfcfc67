-- The migration tool runs the file in one transaction.
-- fixture: wrap-in-transaction
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
SELECT 1;
-- expect: validate-in-same-transaction "public.orders"
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
