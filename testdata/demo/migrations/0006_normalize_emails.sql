-- Mistakes: no lock_timeout, so the ALTER waits behind any long transaction while
-- every query on users queues behind it; and the backfill rewrites every row of users
-- in one transaction.
ALTER TABLE users ADD COLUMN email_normalized text;

UPDATE users SET email_normalized = lower(email);
