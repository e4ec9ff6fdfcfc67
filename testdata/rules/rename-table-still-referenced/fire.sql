-- fixture: app-sql src/customer_repo.cpp:12 SELECT name FROM customers WHERE id = $1
-- fixture: app-sql src/customer_repo.cpp:20 INSERT INTO customers (id, name) VALUES ($1, $2)
-- fixture: app-sql src/report.cpp:5 SELECT count(*) FROM customers
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
-- fixture: review

-- expect: rename-table-still-referenced "public.customers is renamed to clients while the application still uses the old name in 3 places (src/customer_repo.cpp:12, src/customer_repo.cpp:20, src/report.cpp:5)"
ALTER TABLE customers RENAME TO clients;
