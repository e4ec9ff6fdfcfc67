-- expect: drop-table "public.legacy_sessions"
DROP TABLE legacy_sessions;
-- One finding per table listed.
-- expect: drop-table "public.a"
-- expect: drop-table "billing.b"
DROP TABLE IF EXISTS a, billing.b CASCADE;
