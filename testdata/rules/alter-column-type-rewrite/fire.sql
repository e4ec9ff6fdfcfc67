CREATE SCHEMA app;
CREATE TABLE events (id int PRIMARY KEY, name varchar(50), amount numeric(10,2), at timestamp, body text);
CREATE INDEX events_at_idx ON events (at);
CREATE TABLE app.events (id int PRIMARY KEY);
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE VIEW user_emails AS SELECT id, email FROM users;
-- fixture: review
-- expect: alter-column-type-rewrite "public.events"
ALTER TABLE events ALTER COLUMN id TYPE bigint;
-- Shrinking a length limit checks and rewrites every row.
-- expect: alter-column-type-rewrite "rewrites"
ALTER TABLE events ALTER COLUMN name TYPE varchar(20);
-- expect: alter-column-type-rewrite
ALTER TABLE events ALTER COLUMN amount TYPE numeric(10,4);
-- expect: alter-column-type-rewrite
ALTER TABLE events ALTER COLUMN body TYPE varchar(100);
-- A USING expression that is not the column itself.
-- expect: alter-column-type-rewrite
ALTER TABLE events ALTER COLUMN body TYPE text USING upper(body);
-- A view reads the column: PostgreSQL refuses the change.
-- expect: alter-column-type-rewrite "public.user_emails reads the column"
ALTER TABLE users ALTER COLUMN email TYPE varchar(320);
SET search_path = app;
-- expect: alter-column-type-rewrite "app.events"
ALTER TABLE events ALTER COLUMN id TYPE bigint;
