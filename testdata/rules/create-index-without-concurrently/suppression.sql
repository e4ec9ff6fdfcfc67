-- schemaguard: ignore create-index-without-concurrently -- table is empty until the backfill
CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE INDEX orders_status_idx ON orders (status); -- schemaguard: ignore create-index-without-concurrently -- empty
-- expect: create-index-without-concurrently
CREATE INDEX orders_created_at_idx ON orders (created_at);
