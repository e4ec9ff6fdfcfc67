-- fixture: wrap-in-transaction
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- A COMMIT ends the tool's transaction (nested-transaction flags it): the VALIDATE runs in a new one.
COMMIT;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
