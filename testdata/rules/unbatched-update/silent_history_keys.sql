-- Keys known from the history: a primary key, an indexed column, a primary key added later.
CREATE TABLE accounts (account_no bigint PRIMARY KEY, email text, region text, status text);
CREATE INDEX accounts_region_status_idx ON accounts (region, status);
CREATE TABLE legacy (code text, label text);
ALTER TABLE legacy ADD CONSTRAINT legacy_pkey PRIMARY KEY (code);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (number bigint PRIMARY KEY, note text);
-- fixture: review
UPDATE accounts SET status = 'closed' WHERE account_no = $1;
UPDATE accounts SET status = 'closed' WHERE account_no >= $1 AND account_no < $2;
UPDATE accounts SET status = 'closed' WHERE region = 'eu';
UPDATE accounts SET status = 'closed' WHERE ctid = ANY (ARRAY(SELECT ctid FROM accounts WHERE status = 'x' LIMIT 100));
UPDATE legacy SET label = upper(label) WHERE code IN ('a', 'b');
UPDATE billing.invoices SET note = '' WHERE number = 5;
SET search_path = billing;
UPDATE invoices SET note = '' WHERE invoices.number BETWEEN 1 AND 100;
