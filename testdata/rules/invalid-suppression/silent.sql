-- schemaguard: ignore drop-column, rename-table -- known ids
ALTER TABLE users DROP COLUMN legacy_email;
-- schemaguard: ignore-file all
-- Mentioning schemaguard: in prose is not a directive.
DROP TABLE legacy;
