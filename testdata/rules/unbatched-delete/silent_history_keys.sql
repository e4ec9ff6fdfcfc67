CREATE TABLE sessions (token text PRIMARY KEY, user_id bigint, expires_at timestamptz);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
-- fixture: review
DELETE FROM sessions WHERE token = $1;
DELETE FROM sessions WHERE user_id = $1;
DELETE FROM sessions WHERE token IN (SELECT token FROM sessions WHERE expires_at < now() LIMIT 1000);
