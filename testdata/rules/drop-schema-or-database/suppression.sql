-- schemaguard: ignore drop-schema-or-database -- emptied and retired in 2024-03
DROP SCHEMA reporting_retired;
-- expect: drop-schema-or-database
DROP SCHEMA archive;
