CREATE TABLE orders (id bigint PRIMARY KEY, region text, created_at timestamptz);
CREATE INDEX orders_region_created_at_idx ON orders (region, created_at);
-- fixture: review
-- schemaguard: ignore drop-column-drops-dependents -- nothing queries by created_at alone
ALTER TABLE orders DROP COLUMN region;
