ALTER TABLE users RENAME COLUMN email TO email_address; -- schemaguard: ignore rename-column -- no code reads it yet
-- schemaguard: ignore rename-column -- no code reads it yet
ALTER TABLE users RENAME COLUMN phone TO phone_number;
-- schemaguard: ignore rename-table -- another rule's id does not silence this one
-- expect: rename-column
ALTER TABLE users RENAME COLUMN fax TO fax_number;
