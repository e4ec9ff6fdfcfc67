-- squawk-ignore ban-drop-column, renaming-column -- rules squawk has
ALTER TABLE users DROP COLUMN legacy_email;

-- A squawk rule schemaguard has no equivalent for suppresses nothing and is not an error.
-- squawk-ignore ban-drop-view
DROP VIEW legacy_report;

-- Without names squawk ignores everything; so do these.
-- squawk-ignore
DROP TABLE legacy;
/* squawk-ignore-file */
