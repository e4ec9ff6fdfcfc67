-- fixture: app-sql src/user_repo.cpp:50 UPDATE users SET locale = $2 WHERE id = $1
-- fixture: app-sql src/user_repo.cpp:60 SELECT * FROM users WHERE id = $1
-- fixture: app-sql src/invoice_repo.cpp:7 SELECT number FROM invoices WHERE id = $1
CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- fixture: review

-- Code that only writes the new column (the dual-write step) and a bare SELECT *.
ALTER TABLE users ADD COLUMN locale text;
ALTER TABLE users ADD COLUMN theme text;

-- A table created under review.
CREATE TABLE invoices (id bigint PRIMARY KEY);
ALTER TABLE invoices ADD COLUMN number text;

-- Code reading a column that no migration adds here is another rule's business.
ALTER TABLE users ADD COLUMN nickname text;
