-- The code already uses the new name (it deploys after the migration: see
-- app-reads-column-added-under-review for that ordering), and SELECT * alone does not name
-- the old one.
-- fixture: app-sql src/user_repo.cpp:42 SELECT id, email_address FROM users WHERE id = $1
-- fixture: app-sql src/user_repo.cpp:60 SELECT * FROM users WHERE id = $1
CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text);
-- fixture: review
ALTER TABLE users RENAME COLUMN email TO email_address;
ALTER TABLE users RENAME COLUMN nickname TO display_name;
