CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- fixture: review
BEGIN;
ALTER TABLE users ADD COLUMN email_normalized text;
-- expect: statements-after-access-exclusive "ACCESS EXCLUSIVE on public.users (taken on line 4)"
UPDATE users SET email_normalized = lower(email);
-- A cheap catalog change is not reported.
ALTER TABLE users ALTER COLUMN email_normalized SET DEFAULT '';
-- expect: statements-after-access-exclusive "scans public.users"
CREATE INDEX users_email_normalized_idx ON users (email_normalized);
COMMIT;
-- After COMMIT the lock is gone.
UPDATE users SET email_normalized = lower(email) WHERE id < 1000;
