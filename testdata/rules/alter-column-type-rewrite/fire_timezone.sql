CREATE TABLE events (id bigint PRIMARY KEY, at timestamp);
CREATE INDEX events_at_idx ON events (at);
-- fixture: review
SET timezone = 'UTC';
-- With TimeZone UTC the values stay as they are, but the index on the column is rebuilt.
-- expect: alter-column-type-rewrite "rebuilds index public.events_at_idx"
ALTER TABLE events ALTER COLUMN at TYPE timestamptz;
