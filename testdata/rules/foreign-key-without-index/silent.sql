CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, shop_id bigint);
CREATE INDEX orders_shop_id_created_idx ON orders (shop_id, id);
-- fixture: review
-- An index added later in the same file covers the key.
ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
-- An index from history that leads with the column.
ALTER TABLE orders ADD FOREIGN KEY (shop_id) REFERENCES users (id) NOT VALID;
-- The table's primary key leads with the column.
CREATE TABLE profiles (user_id bigint PRIMARY KEY REFERENCES users (id));
-- A composite primary key leads with the key's columns, in any order.
CREATE TABLE memberships (shop_id bigint, user_id bigint REFERENCES users, role text,
                          PRIMARY KEY (user_id, shop_id));
-- A unique constraint declared in the same statement.
CREATE TABLE avatars (id bigint PRIMARY KEY, user_id bigint UNIQUE REFERENCES users (id));
-- A foreign key from history is not under review.
