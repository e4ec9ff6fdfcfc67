-- fixture: app-sql src/user_repo.cpp:36 INSERT INTO users (id, email, locale) VALUES ($1, $2, $3)
-- fixture: app-sql src/import.cpp:12 INSERT INTO users VALUES ($1, $2, $3)
-- fixture: app-sql src/import.cpp:20 INSERT INTO users SELECT * FROM staged_users
-- fixture: app-sql src/user_repo.cpp:50 UPDATE users SET email = $2 WHERE id = $1
CREATE TABLE users (id bigint PRIMARY KEY, email text, locale text);
CREATE TABLE staged_users (id bigint, email text, locale text);
-- fixture: review

-- Every INSERT supplies locale: by name, or as the third value. The INSERT ... SELECT *
-- has a width the rule cannot know, and is given the benefit of the doubt.
ALTER TABLE users ALTER COLUMN locale SET NOT NULL;

-- Required, but with a default: INSERTs that leave it out get the default.
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE users ADD COLUMN tier int NOT NULL DEFAULT 0;
ALTER TABLE users ALTER COLUMN tier SET NOT NULL;

-- A table created under review.
CREATE TABLE invoices (id bigint PRIMARY KEY, number text);
ALTER TABLE invoices ALTER COLUMN number SET NOT NULL;
