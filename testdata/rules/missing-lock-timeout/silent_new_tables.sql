-- Tables created in the file under review are not in use yet.
CREATE TABLE events (id bigint PRIMARY KEY, kind text);
ALTER TABLE events ADD COLUMN payload jsonb;
CREATE INDEX events_kind_idx ON events (kind);
CREATE SCHEMA audit;
CREATE TABLE audit.log (id bigint PRIMARY KEY);
SET search_path = audit;
ALTER TABLE log ADD COLUMN at timestamptz;
DROP TABLE log;
