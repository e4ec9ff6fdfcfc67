CREATE TABLE users (id bigint PRIMARY KEY);
-- fixture: review
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
-- The new table is free to lock, but the foreign key also locks users (SHARE ROW EXCLUSIVE).
-- expect: missing-lock-timeout "ShareRowExclusiveLock on public.users"
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
