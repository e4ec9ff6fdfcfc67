-- fixture: app-sql src/user_repo.cpp:42 SELECT id, email FROM users WHERE id = $1
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE legacy_sessions (token text PRIMARY KEY);
-- fixture: review

-- No code uses it.
DROP TABLE legacy_sessions;

-- Created under review.
CREATE TABLE import_batch (id bigint);
DROP TABLE import_batch;
