-- A failure rolls back the whole transaction: a retry starts from scratch.
BEGIN;
CREATE TABLE accounts (id bigint PRIMARY KEY);
ALTER TABLE accounts ADD COLUMN billing_email text;
DROP TABLE legacy_accounts;
COMMIT;
