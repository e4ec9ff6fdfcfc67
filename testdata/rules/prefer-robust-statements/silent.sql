-- No transaction, but every statement is safe to run twice.
CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY);
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS billing_email text;
ALTER TABLE accounts DROP COLUMN IF EXISTS legacy, DROP CONSTRAINT IF EXISTS accounts_plan_check;
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_email_check,
  ADD CONSTRAINT accounts_email_check CHECK (billing_email LIKE '%@%') NOT VALID;
-- Drop a leftover INVALID index, then build it.
DROP INDEX CONCURRENTLY IF EXISTS accounts_email_idx;
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (billing_email);
CREATE OR REPLACE VIEW active_accounts AS SELECT * FROM accounts;
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
ALTER TYPE plan_kind ADD VALUE IF NOT EXISTS 'team';
CREATE SCHEMA IF NOT EXISTS billing;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- Not DDL.
UPDATE accounts SET billing_email = NULL WHERE id = 1;
