CREATE SCHEMA app;
CREATE TABLE app.users (id bigint PRIMARY KEY, email text);
-- fixture: review
SET search_path = app;
-- expect: rename-column "app.users.email"
ALTER TABLE users RENAME COLUMN email TO email_address;
