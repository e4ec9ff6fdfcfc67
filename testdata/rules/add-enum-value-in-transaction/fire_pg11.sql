CREATE TYPE order_status AS ENUM ('open', 'closed');
-- fixture: review
-- fixture: pg-version 11
-- Before 12 the statement itself is refused inside a transaction block.
BEGIN;
-- expect: add-enum-value-in-transaction "cannot run inside a transaction block on PostgreSQL 11"
ALTER TYPE order_status ADD VALUE 'archived';
COMMIT;
