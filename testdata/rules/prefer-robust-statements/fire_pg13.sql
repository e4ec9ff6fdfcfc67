-- fixture: pg-version 13
-- No CREATE OR REPLACE TRIGGER before 14: drop it first.
-- expect: prefer-robust-statements "CREATE TRIGGER fails with `already exists`"
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();
