-- The code already uses the new name.
-- fixture: app-sql src/customer_repo.cpp:12 SELECT name FROM clients WHERE id = $1
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
-- fixture: review
ALTER TABLE customers RENAME TO clients;

-- A table created under review.
CREATE TABLE tmp_import (id bigint);
ALTER TABLE tmp_import RENAME TO import_rows;
