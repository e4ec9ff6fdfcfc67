-- Setting the timeout after the statement does not protect it.
-- expect: missing-lock-timeout
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN last_ip inet;
