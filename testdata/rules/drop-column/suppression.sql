-- schemaguard: ignore drop-column -- unused since release 4.2 (ticket OPS-1234)
ALTER TABLE users DROP COLUMN legacy_email;
ALTER TABLE users DROP COLUMN legacy_phone; -- schemaguard: ignore drop-column -- unused since 4.2
-- schemaguard: ignore drop-table -- another rule's id does not silence this one
-- expect: drop-column
ALTER TABLE users DROP COLUMN legacy_fax;
