CREATE TABLE legacy_sessions (id bigint PRIMARY KEY);
-- fixture: review
-- The model knows no dependent (a warning), or does not know the object at all.
-- expect: drop-cascade "DROP TABLE public.legacy_sessions CASCADE drops whatever depends on it without naming it: the schema model knows of no dependent object"
DROP TABLE legacy_sessions CASCADE;
-- expect: drop-cascade "DROP VIEW public.old_report CASCADE drops whatever depends on it without naming it (the schema model does not know the object)"
DROP VIEW IF EXISTS old_report CASCADE;
-- expect: drop-cascade "DROP EXTENSION pg_trgm CASCADE"
DROP EXTENSION pg_trgm CASCADE;
-- expect: drop-cascade "DROP OWNED ... CASCADE drops every object the role owns"
DROP OWNED BY reporting_role CASCADE;
-- expect: drop-cascade "DROP COLUMN public.legacy_sessions.token CASCADE"
ALTER TABLE legacy_sessions DROP COLUMN token CASCADE;
