-- Mistake: CONCURRENTLY cannot run inside a transaction block; PostgreSQL rejects it
-- at deploy time ("CREATE INDEX CONCURRENTLY cannot run inside a transaction block").
SET lock_timeout = '3s';

BEGIN;
CREATE INDEX CONCURRENTLY users_lower_email_idx ON users (lower(email));
COMMIT;
