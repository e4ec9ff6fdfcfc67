CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
-- fixture: review
-- The safe pattern: NOT VALID, then VALIDATE in a separate transaction.
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
-- A table created under review is empty.
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);
ALTER TABLE sessions ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
-- A CHECK belongs to another rule.
ALTER TABLE orders ADD CONSTRAINT orders_id_positive CHECK (id > 0);
