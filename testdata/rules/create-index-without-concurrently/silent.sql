CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_number_key ON orders (number);
-- A table created under review is empty.
CREATE TABLE events (id bigint PRIMARY KEY, kind text);
CREATE INDEX events_kind_idx ON events (kind);
