CREATE TYPE order_status AS ENUM ('open', 'closed');
-- fixture: review
-- fixture: pg-version 12
-- fixture: wrap-in-transaction
-- From 12 adding the value in a transaction is fine as long as nothing uses it before COMMIT.
ALTER TYPE order_status ADD VALUE 'archived';
ALTER TYPE order_status ADD VALUE 'deleted';
