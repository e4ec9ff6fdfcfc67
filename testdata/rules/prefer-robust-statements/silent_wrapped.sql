-- fixture: wrap-in-transaction
CREATE TABLE accounts (id bigint PRIMARY KEY);
ALTER TABLE accounts ADD COLUMN billing_email text, ADD CONSTRAINT accounts_email_check CHECK (billing_email <> '');
CREATE INDEX accounts_email_idx ON accounts (billing_email);
