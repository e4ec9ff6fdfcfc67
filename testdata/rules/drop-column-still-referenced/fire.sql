-- fixture: app-sql src/user_repo.cpp:42 SELECT id, email FROM users WHERE id = $1
-- fixture: app-sql src/user_repo.cpp:50 UPDATE users SET email = $2 WHERE id = $1
-- fixture: app-sql src/export.cpp:5 SELECT * FROM users WHERE id = $1
-- fixture: app-field src/export.cpp:7 legacy_code
-- fixture: app-sql src/search.cpp:12 SELECT nickname FROM users JOIN orders ON orders.user_id = users.id
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_code text, nickname text);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, nickname text);
-- fixture: review

-- Read at line 42 and written at line 50.
-- expect: drop-column-still-referenced "public.users.email is dropped while the application still uses it in 2 places (src/user_repo.cpp:42, src/user_repo.cpp:50)"
ALTER TABLE users DROP COLUMN email;

-- SELECT * plus a read of the field by name.
-- expect: drop-column-still-referenced "in 1 place (src/export.cpp:7)"
ALTER TABLE users DROP COLUMN legacy_code;

-- Unqualified, and orders has a nickname too: ambiguous, and it counts.
-- expect: drop-column-still-referenced "it is ambiguous: unqualified `nickname` may belong to any of public.users, public.orders"
ALTER TABLE users DROP COLUMN nickname;
