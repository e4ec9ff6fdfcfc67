CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text);
CREATE MATERIALIZED VIEW user_emails AS SELECT id, email FROM users;
CREATE INDEX users_email_nickname_idx ON users (email, nickname);
-- fixture: review
-- With CASCADE the view is dropped with the column.
-- expect: drop-column-drops-dependents "silently drops materialized view public.user_emails and index public.users_email_nickname_idx"
ALTER TABLE users DROP COLUMN email CASCADE;
