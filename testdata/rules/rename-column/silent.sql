CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- fixture: review
CREATE TABLE drafts (id bigint PRIMARY KEY, body text);
ALTER TABLE drafts RENAME COLUMN body TO content;
-- Renamed, then renamed again: still the new table.
ALTER TABLE drafts RENAME TO draft_posts;
ALTER TABLE draft_posts RENAME COLUMN content TO text_body;
-- A column added under review.
ALTER TABLE users ADD COLUMN nick text;
ALTER TABLE users RENAME COLUMN nick TO nickname;
-- Other renames.
ALTER TABLE users RENAME CONSTRAINT users_pkey TO users_pk;
ALTER INDEX users_pk RENAME TO users_primary;
ALTER VIEW active_users RENAME COLUMN email TO mail;
