CREATE TYPE order_status AS ENUM ('open', 'closed');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL);
-- fixture: review
-- From 12 ADD VALUE runs in a transaction, but its value is unusable until COMMIT.
BEGIN;
ALTER TYPE order_status ADD VALUE 'archived';
-- expect: add-enum-value-in-transaction "'archived', added to public.order_status on line 6"
UPDATE orders SET status = 'archived' WHERE id < 10;
-- expect: add-enum-value-in-transaction
INSERT INTO orders (id, status) VALUES (1, 'archived'::order_status);
COMMIT;
