CREATE TYPE order_status AS ENUM ('open', 'closed');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL, note text);
-- fixture: review
-- Outside a transaction block: autocommit, the value is committed at once.
ALTER TYPE order_status ADD VALUE 'archived';
UPDATE orders SET status = 'archived' WHERE id < 10;
-- Added in a transaction, used only after COMMIT.
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded';
UPDATE orders SET note = 'other text' WHERE id = 1;
COMMIT;
UPDATE orders SET status = 'refunded' WHERE id = 2;
-- Renaming a value is transactional.
BEGIN;
ALTER TYPE order_status RENAME VALUE 'open' TO 'pending';
UPDATE orders SET status = 'pending' WHERE id = 3;
COMMIT;
