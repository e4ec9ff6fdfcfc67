-- A DO block ran dynamic DDL the model cannot follow: it may have created anything.
-- fixture: app-sql src/user_repo.cpp:42 SELECT id, locale FROM users WHERE id = $1
-- fixture: app-sql src/audit.cpp:5 SELECT id FROM audit_2024
CREATE TABLE users (id bigint PRIMARY KEY, email text);
DO $$ BEGIN EXECUTE 'CREATE TABLE audit_' || extract(year FROM now()) || ' (id bigint)'; END $$;
-- fixture: review
ALTER TABLE users ADD COLUMN nickname text;
