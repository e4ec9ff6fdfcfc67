CREATE TABLE import_rows (line int, payload text);
INSERT INTO import_rows VALUES (1, 'x');
DELETE FROM import_rows;
DELETE FROM import_rows WHERE payload IS NULL;
