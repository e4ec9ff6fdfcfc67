CREATE SCHEMA app;
CREATE TABLE app.users (id bigint PRIMARY KEY);
CREATE TABLE app.orders (id bigint PRIMARY KEY, user_id bigint, total numeric);
-- fixture: review
BEGIN;
ALTER TABLE app.orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
-- A CHECK: ACCESS EXCLUSIVE is still held during the scan (error).
-- expect: validate-in-same-transaction "VALIDATE CONSTRAINT orders_total_check on app.orders runs in the transaction that added it NOT VALID (on line 6, in the same transaction): the validation scan runs while the transaction still holds AccessExclusiveLock on app.orders"
ALTER TABLE app.orders VALIDATE CONSTRAINT orders_total_check;
COMMIT;
START TRANSACTION;
ALTER TABLE app.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users (id) NOT VALID;
-- A foreign key: SHARE ROW EXCLUSIVE is held (a warning).
-- expect: validate-in-same-transaction "holds ShareRowExclusiveLock on app.orders, which blocks writes"
ALTER TABLE app.orders VALIDATE CONSTRAINT orders_user_id_fkey;
COMMIT;
-- An unnamed constraint: the model knows the name PostgreSQL gives it.
BEGIN;
ALTER TABLE app.orders ADD CHECK (id > 0) NOT VALID;
-- expect: validate-in-same-transaction "orders_id_check"
ALTER TABLE app.orders VALIDATE CONSTRAINT orders_id_check;
ROLLBACK;
