CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric);
CREATE TABLE ledger (id bigint PRIMARY KEY, account_id bigint, amount numeric);
-- fixture: review
-- fixture: wrap-in-transaction
-- The tool's transaction holds the lock to the end of the file.
ALTER TABLE accounts RENAME COLUMN balance TO balance_cents;
-- expect: statements-after-access-exclusive "DELETE of public.ledger"
DELETE FROM ledger WHERE amount IS NULL;
-- expect: statements-after-access-exclusive "a DO block"
DO $$ BEGIN PERFORM 1; END $$;
-- expect: statements-after-access-exclusive "INSERT ... SELECT"
INSERT INTO ledger (id, account_id, amount) SELECT id, id, 0 FROM accounts;
