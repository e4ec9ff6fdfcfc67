CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);
-- fixture: review
SET lock_timeout = '5s';
RESET lock_timeout;
-- A table from the history is existing, not new.
-- expect: missing-lock-timeout "public.sessions"
DROP TABLE sessions;
