CREATE SCHEMA shop;
CREATE TYPE shop.order_status AS ENUM ('open', 'closed');
-- fixture: review
-- fixture: pg-version 11
-- fixture: wrap-in-transaction
SET search_path = shop, public;
-- expect: add-enum-value-in-transaction "ALTER TYPE shop.order_status ADD VALUE"
ALTER TYPE order_status ADD VALUE 'archived';
