CREATE TYPE order_status AS ENUM ('open', 'closed');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL);
-- fixture: review
-- fixture: wrap-in-transaction
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'archived' AFTER 'closed';
-- expect: add-enum-value-in-transaction
UPDATE orders SET status = 'archived' WHERE id < 10;
