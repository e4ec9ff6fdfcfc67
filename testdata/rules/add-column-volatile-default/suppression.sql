CREATE TABLE orders (id bigint PRIMARY KEY);
-- fixture: review
-- schemaguard: ignore add-column-volatile-default -- orders holds 40 rows (ticket OPS-77)
ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
ALTER TABLE orders ADD COLUMN n serial; -- schemaguard: ignore add-column-volatile-default -- tiny table
