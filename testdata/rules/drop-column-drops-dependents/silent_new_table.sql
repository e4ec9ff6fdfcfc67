-- A table created in the files under review is not in use yet.
CREATE TABLE drafts (id bigint, author_id bigint, title text, PRIMARY KEY (id, author_id));
CREATE INDEX drafts_author_title_idx ON drafts (author_id, title);
CREATE VIEW draft_titles AS SELECT title FROM drafts;
ALTER TABLE drafts DROP COLUMN author_id;
ALTER TABLE drafts DROP COLUMN title CASCADE;
