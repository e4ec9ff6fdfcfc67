CREATE TYPE order_status AS ENUM ('open', 'closed');
-- fixture: review
-- fixture: pg-version 11
BEGIN;
-- schemaguard: ignore add-enum-value-in-transaction -- the deploy tool runs this file outside a transaction
ALTER TYPE order_status ADD VALUE 'archived';
ALTER TYPE order_status ADD VALUE 'deleted'; -- schemaguard: ignore add-enum-value-in-transaction -- same
COMMIT;
