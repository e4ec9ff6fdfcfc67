CREATE TABLE users (id bigint PRIMARY KEY);
-- fixture: review
BEGIN;
ALTER TABLE users ADD COLUMN a int;
COMMIT;
-- Reported at the BEGIN that is never ended, with the locks it would keep.
-- expect: uncommitted-transaction "this transaction is never committed: when the session ends the server rolls it back and the migration silently does nothing; a client that keeps the connection open leaves it idle in transaction, holding AccessExclusiveLock on public.users"
BEGIN;
ALTER TABLE users ADD COLUMN last_seen timestamptz;
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);
