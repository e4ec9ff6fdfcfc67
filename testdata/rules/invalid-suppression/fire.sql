-- expect: invalid-suppression "unknown rule `drop-colum`"
-- schemaguard: ignore drop-colum -- typo
ALTER TABLE users DROP COLUMN legacy_email;
-- expect: invalid-suppression "names no rule"
-- schemaguard: ignore
DROP TABLE legacy;
