CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- fixture: review
BEGIN;
ALTER TABLE users ADD COLUMN email_normalized text;
-- schemaguard: ignore statements-after-access-exclusive -- users has 40 rows
UPDATE users SET email_normalized = lower(email);
COMMIT;
