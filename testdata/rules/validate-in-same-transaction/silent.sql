CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric);
ALTER TABLE orders ADD CONSTRAINT orders_old_check CHECK (total > -1000) NOT VALID;
-- fixture: review
-- Added NOT VALID by an earlier migration: the safe pattern.
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT orders_old_check;
COMMIT;
-- Added and validated in separate transactions of the same file.
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
COMMIT;
-- Without any transaction block each statement commits on its own.
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
-- A table created under review is empty: validating it costs nothing.
CREATE TABLE imports (id bigint, total numeric);
BEGIN;
ALTER TABLE imports ADD CONSTRAINT imports_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE imports VALIDATE CONSTRAINT imports_total_check;
COMMIT;
