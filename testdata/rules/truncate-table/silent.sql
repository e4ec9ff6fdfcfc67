CREATE TABLE sessions (id bigint PRIMARY KEY);
-- fixture: review
-- A table created under review is new: emptying it loses nothing.
CREATE TABLE import_staging (id bigint, payload jsonb);
INSERT INTO import_staging VALUES (1, '{}');
TRUNCATE import_staging;
-- The safe alternative: batched deletes.
DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY id LIMIT 10000);
