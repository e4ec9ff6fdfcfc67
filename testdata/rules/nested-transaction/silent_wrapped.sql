-- fixture: wrap-in-transaction
ALTER TABLE users ADD COLUMN last_seen timestamptz;
SAVEPOINT s;
ROLLBACK TO SAVEPOINT s;
