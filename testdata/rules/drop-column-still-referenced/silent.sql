-- fixture: app-sql src/export.cpp:5 SELECT * FROM users WHERE id = $1
-- fixture: app-sql src/user_repo.cpp:42 SELECT id, email FROM users WHERE id = $1
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy_code text);
-- fixture: review

-- Only a SELECT * reads it: code that never names the column keeps working.
ALTER TABLE users DROP COLUMN legacy_code;

-- A column added in the files under review: no deployed code uses it.
ALTER TABLE users ADD COLUMN scratch text;
ALTER TABLE users DROP COLUMN scratch;

-- A table created under review.
CREATE TABLE staging (id bigint, email text);
ALTER TABLE staging DROP COLUMN email;
