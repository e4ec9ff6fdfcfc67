BEGIN;
ALTER TABLE users ADD COLUMN last_seen timestamptz;
-- expect: nested-transaction "BEGIN inside the transaction opened on line 1 opens no new transaction (PostgreSQL only warns): the next COMMIT or ROLLBACK ends the transaction opened on line 1"
BEGIN;
UPDATE users SET last_seen = now() WHERE id = 1;
COMMIT;
-- The outer transaction is gone: this COMMIT has nothing to end.
-- expect: nested-transaction "COMMIT with no transaction open (PostgreSQL only warns): the statements before it were already committed one by one"
COMMIT;
ALTER TABLE users ADD COLUMN note text;
-- expect: nested-transaction "ROLLBACK with no transaction open (PostgreSQL only warns): the statements before it were already committed one by one, and none of them is rolled back"
ROLLBACK;
