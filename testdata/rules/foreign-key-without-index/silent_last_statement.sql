CREATE TABLE users (id bigint PRIMARY KEY);
-- fixture: review
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
-- The index comes in the file's last statement.
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
