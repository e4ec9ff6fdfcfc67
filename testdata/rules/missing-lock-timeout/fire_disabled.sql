-- 0 switches the timeout off.
SET lock_timeout = 0;
-- expect: missing-lock-timeout
ALTER TABLE users RENAME COLUMN email TO email_address;
