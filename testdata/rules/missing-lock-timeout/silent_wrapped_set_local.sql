-- In a wrapped file, SET LOCAL lasts until the tool commits at the end of the file.
-- fixture: wrap-in-transaction
SET LOCAL lock_timeout = '1500ms';
ALTER TABLE users ADD COLUMN a int;
ALTER TABLE users ADD COLUMN b int;
