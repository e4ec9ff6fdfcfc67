CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- fixture: review
-- Catalog-only statements after the lock are cheap.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users ADD COLUMN email_normalized text;
ALTER TABLE users ALTER COLUMN email_normalized SET DEFAULT '';
COMMENT ON COLUMN users.email_normalized IS 'lower(email)';
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users DROP COLUMN nickname;
INSERT INTO users (id, email) VALUES (1, 'a@example.com');
SELECT set_config('application_name', 'migrate', true);
COMMIT;
-- Outside a transaction block each statement releases its locks when it ends.
ALTER TABLE users ADD COLUMN last_seen timestamptz;
UPDATE users SET last_seen = now() WHERE id < 1000;
-- A weaker lock does not count.
BEGIN;
CREATE INDEX users_email_idx ON users (email);
UPDATE users SET last_seen = now() WHERE id < 1000;
ROLLBACK;
