CREATE TABLE orders (id bigint PRIMARY KEY, region text, created_at timestamptz, note text, total numeric);
CREATE INDEX orders_region_created_at_idx ON orders (region, created_at);
CREATE INDEX orders_open_idx ON orders (created_at) WHERE note IS NULL;
ALTER TABLE orders ADD CONSTRAINT orders_total_note_check CHECK (total > 0 OR note IS NOT NULL);
-- fixture: review
-- expect: drop-column-drops-dependents "silently drops index public.orders_region_created_at_idx (region, created_at)"
ALTER TABLE orders DROP COLUMN region;
-- A partial index and a CHECK over several columns go with the column too.
-- expect: drop-column-drops-dependents "check constraint orders_total_note_check (total, note)"
ALTER TABLE orders DROP COLUMN note;
