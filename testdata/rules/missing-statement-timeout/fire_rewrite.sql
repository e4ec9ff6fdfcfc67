CREATE TABLE events (id bigint PRIMARY KEY, kind varchar(20));
-- fixture: review
SET lock_timeout = '2s';
-- A catalog-only change is not counted.
ALTER TABLE events ADD COLUMN note text;
-- expect: missing-statement-timeout "rewrites public.events with no statement_timeout set"
ALTER TABLE events ALTER COLUMN kind TYPE int USING kind::int;
-- Once per file.
ALTER TABLE events ALTER COLUMN note TYPE int USING note::int;
