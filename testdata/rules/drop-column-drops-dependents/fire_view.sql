CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text);
CREATE VIEW active_users AS SELECT id, email FROM users;
-- fixture: review
-- A view makes the drop fail at deploy time.
-- expect: drop-column-drops-dependents "fails without CASCADE: view public.active_users reads public.users.email"
ALTER TABLE users DROP COLUMN email;
