CREATE SCHEMA reporting;
CREATE TABLE reporting.daily_totals (day date PRIMARY KEY, total numeric);
CREATE VIEW reporting.weekly AS SELECT day, total FROM reporting.daily_totals;
CREATE SCHEMA archive;
-- fixture: review
-- expect: drop-schema-or-database "DROP SCHEMA reporting destroys every object in it, including relations reporting.daily_totals, reporting.weekly, and their data"
DROP SCHEMA reporting CASCADE;
-- Without CASCADE it fails unless empty; the model knows what is in it.
-- expect: drop-schema-or-database "DROP SCHEMA archive destroys every object in it"
-- expect: drop-schema-or-database "DROP SCHEMA legacy"
DROP SCHEMA IF EXISTS archive, legacy;
-- expect: drop-schema-or-database "DROP DATABASE analytics destroys the whole database"
DROP DATABASE analytics;
-- expect: drop-schema-or-database "DROP DATABASE"
DROP DATABASE IF EXISTS "Old Data" WITH (FORCE);
