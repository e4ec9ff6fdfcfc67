CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text, legacy_flag boolean);
CREATE INDEX users_nickname_idx ON users (nickname);
CREATE UNIQUE INDEX users_lower_email_idx ON users (lower(email));
ALTER TABLE users ADD CONSTRAINT users_legacy_flag_check CHECK (legacy_flag IS NOT NULL);
CREATE VIEW user_emails AS SELECT id, email FROM users;
-- fixture: review
-- Indexes and constraints on the dropped column alone are expected to go with it.
ALTER TABLE users DROP COLUMN nickname;
ALTER TABLE users DROP COLUMN legacy_flag;
-- The view reads other columns only.
ALTER TABLE users ADD COLUMN bio text;
ALTER TABLE users DROP COLUMN bio;
-- The dependents were dealt with first.
DROP VIEW user_emails;
DROP INDEX users_lower_email_idx;
ALTER TABLE users DROP COLUMN email;
