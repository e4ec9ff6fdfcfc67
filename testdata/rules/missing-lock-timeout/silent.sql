SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN last_seen timestamptz;
CREATE INDEX users_email_idx ON users (email);
DROP TABLE legacy_sessions;
