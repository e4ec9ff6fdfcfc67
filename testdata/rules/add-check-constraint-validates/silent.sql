CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric);
-- fixture: review
-- The safe pattern: NOT VALID, then VALIDATE in a separate transaction.
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
-- A table created under review is empty.
CREATE TABLE events (id bigint PRIMARY KEY, kind text);
ALTER TABLE events ADD CONSTRAINT events_kind_known CHECK (kind IN ('a', 'b'));
-- Other constraint kinds belong to other rules.
ALTER TABLE orders ADD CONSTRAINT orders_amount_key UNIQUE (amount);
