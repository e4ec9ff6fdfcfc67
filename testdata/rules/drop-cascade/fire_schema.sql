CREATE SCHEMA reporting;
CREATE TABLE reporting.totals (day date PRIMARY KEY, total numeric);
CREATE VIEW public.dashboard AS SELECT day, total FROM reporting.totals;
-- fixture: review
-- Objects in other schemas that depend on the schema's contents go too.
-- expect: drop-cascade "DROP SCHEMA reporting CASCADE also drops view public.dashboard and the 1 relation in reporting"
DROP SCHEMA reporting CASCADE;
