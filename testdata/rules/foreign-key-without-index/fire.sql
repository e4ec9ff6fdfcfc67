CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, shop_id bigint, coupon_id bigint);
-- fixture: review
-- expect: foreign-key-without-index "foreign key on public.orders (user_id) has no index"
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- A new table is flagged too: it is empty now, but not for long.
-- expect: foreign-key-without-index "on public.sessions (user_id)"
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
-- A partial index does not serve the lookup.
CREATE INDEX CONCURRENTLY orders_shop_id_active_idx ON orders (shop_id) WHERE coupon_id IS NULL;
-- An index that does not lead with the column does not either.
CREATE INDEX CONCURRENTLY orders_id_coupon_id_idx ON orders (id, coupon_id);
-- expect: foreign-key-without-index "orders_shop_fk on public.orders (shop_id)"
ALTER TABLE orders ADD CONSTRAINT "orders_shop_fk" FOREIGN KEY (shop_id) REFERENCES users (id) NOT VALID;
-- expect: foreign-key-without-index "(coupon_id)"
ALTER TABLE orders ADD COLUMN promo_id bigint, ADD FOREIGN KEY (coupon_id) REFERENCES users NOT VALID;
-- An index on another table does not count.
CREATE INDEX CONCURRENTLY users_id_idx ON users (id);
