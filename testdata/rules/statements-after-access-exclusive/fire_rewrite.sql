CREATE TABLE events (id bigint PRIMARY KEY, payload text, kind varchar(20));
CREATE TABLE users (id bigint PRIMARY KEY);
-- fixture: review
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
-- expect: statements-after-access-exclusive "rewrites public.events"
ALTER TABLE events ALTER COLUMN kind TYPE int USING kind::int;
COMMIT;
