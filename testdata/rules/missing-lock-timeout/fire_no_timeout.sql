-- Reported once per file, at the first statement that would wait without a timeout.
-- expect: missing-lock-timeout "AccessExclusiveLock on public.users"
ALTER TABLE users ADD COLUMN last_seen timestamptz;
ALTER TABLE users ADD COLUMN last_ip inet;
CREATE INDEX users_email_idx ON users (email);
