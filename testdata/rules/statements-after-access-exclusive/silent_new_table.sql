CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
-- fixture: review
-- ACCESS EXCLUSIVE on a table created in the files under review blocks nobody.
BEGIN;
CREATE TABLE user_emails (user_id bigint, email text);
ALTER TABLE user_emails ADD COLUMN verified boolean;
INSERT INTO user_emails (user_id, email) SELECT id, email FROM users;
CREATE INDEX user_emails_user_id_idx ON user_emails (user_id);
COMMIT;
-- Work on a new table is cheap even while an existing one is held.
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
UPDATE user_emails SET verified = false;
CREATE INDEX user_emails_email_idx ON user_emails (email);
COMMIT;
