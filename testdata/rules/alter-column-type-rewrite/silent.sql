CREATE TABLE events (id bigint PRIMARY KEY, name varchar(20), amount numeric(10,2), net cidr, label varchar(10));
CREATE INDEX events_name_idx ON events (name);
-- fixture: review
-- Binary-coercible changes are done in place: no rewrite, no index rebuild.
ALTER TABLE events ALTER COLUMN name TYPE varchar(50);
ALTER TABLE events ALTER COLUMN name TYPE varchar;
ALTER TABLE events ALTER COLUMN name TYPE text;
ALTER TABLE events ALTER COLUMN amount TYPE numeric(12,2);
ALTER TABLE events ALTER COLUMN amount TYPE numeric;
ALTER TABLE events ALTER COLUMN net TYPE inet;
ALTER TABLE events ALTER COLUMN label TYPE varchar(10) USING label;
-- A table created under review is new and empty.
CREATE TABLE drafts (id int PRIMARY KEY, body text);
ALTER TABLE drafts ALTER COLUMN id TYPE bigint;
