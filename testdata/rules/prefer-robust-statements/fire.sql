-- No transaction: every statement commits on its own.
-- expect: prefer-robust-statements "CREATE without IF NOT EXISTS"
CREATE TABLE accounts (id bigint PRIMARY KEY);
-- expect: prefer-robust-statements "ADD COLUMN billing_email without IF NOT EXISTS"
ALTER TABLE accounts ADD COLUMN billing_email text, ADD COLUMN IF NOT EXISTS plan text;
-- expect: prefer-robust-statements "DROP COLUMN legacy without IF EXISTS fails with `does not exist`; DROP CONSTRAINT accounts_plan_check"
ALTER TABLE accounts DROP legacy, DROP CONSTRAINT accounts_plan_check;
-- expect: prefer-robust-statements "ADD CONSTRAINT accounts_email_check fails"
ALTER TABLE accounts ADD CONSTRAINT accounts_email_check CHECK (billing_email LIKE '%@%') NOT VALID;
-- expect: prefer-robust-statements "an unnamed ADD CONSTRAINT"
ALTER TABLE accounts ADD CHECK (id > 0);
-- expect: prefer-robust-statements "DROP without IF EXISTS"
DROP INDEX CONCURRENTLY accounts_old_idx;
-- IF NOT EXISTS skips the INVALID index a failed build leaves.
-- expect: prefer-robust-statements "skips the INVALID index"
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_idx ON accounts (billing_email);
-- expect: prefer-robust-statements "CREATE INDEX CONCURRENTLY fails with `already exists`"
CREATE INDEX CONCURRENTLY accounts_plan_idx ON accounts (plan);
-- expect: prefer-robust-statements "unnamed CREATE INDEX CONCURRENTLY"
CREATE INDEX CONCURRENTLY ON accounts (id, plan);
-- expect: prefer-robust-statements "CREATE without OR REPLACE"
CREATE VIEW active_accounts AS SELECT * FROM accounts;
-- expect: prefer-robust-statements "ADD VALUE without IF NOT EXISTS"
ALTER TYPE plan_kind ADD VALUE 'team';
-- expect: prefer-robust-statements "CREATE without OR REPLACE"
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();
