CREATE TABLE accounts (account_no bigint PRIMARY KEY, id bigint, email text, region text, status text);
CREATE INDEX accounts_region_status_idx ON accounts (region, status);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, account_no bigint, note text);
-- fixture: review
-- A known table: its key is account_no; id is just a column.
-- expect: unbatched-update "public.accounts"
UPDATE accounts SET status = 'closed' WHERE id = 1;
-- status is indexed, but not as the leading column.
-- expect: unbatched-update
UPDATE accounts SET region = 'eu' WHERE status = 'active';
-- expect: unbatched-update
UPDATE accounts SET email = lower(email) WHERE email = $1;
-- expect: unbatched-update "UPDATE on billing.invoices"
UPDATE billing.invoices SET note = '';
SET search_path = billing, public;
-- expect: unbatched-update "UPDATE on billing.invoices"
UPDATE invoices SET note = '' WHERE account_no = 7;
