CREATE SCHEMA audit;
CREATE TABLE audit.entries (entry_no bigint PRIMARY KEY, id bigint, at timestamptz);
CREATE TABLE public.entries (id bigint PRIMARY KEY);
-- fixture: review
-- A known table: entry_no is the key, id is just a column.
-- expect: unbatched-delete "audit.entries"
DELETE FROM audit.entries WHERE id = 5;
SET search_path = audit;
-- expect: unbatched-delete "DELETE on audit.entries"
DELETE FROM entries WHERE at < now();
