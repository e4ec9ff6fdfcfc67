-- Names the model knows after every migration, and names it cannot judge.
-- Added and renamed under review, used under the new names:
-- fixture: app-sql src/user_repo.cpp:42 SELECT id, email_address, locale FROM users WHERE id = $1
-- A CTE, a subquery alias, an output alias in ORDER BY:
-- fixture: app-sql src/report.cpp:10 WITH recent AS (SELECT id, email_address FROM users) SELECT email_address FROM recent
-- fixture: app-sql src/report.cpp:20 SELECT s.total FROM (SELECT count(*) AS total FROM users) s
-- fixture: app-sql src/report.cpp:30 SELECT email_address AS mail FROM users ORDER BY mail
-- A set-returning function in FROM: `total` may be one of its columns.
-- fixture: app-sql src/report.cpp:40 SELECT total FROM users, user_stats(users.id) s
-- System catalogs, a temporary table, system columns, a sequence:
-- fixture: app-sql src/health.cpp:5 SELECT relname FROM pg_class WHERE relkind = 'r'
-- fixture: app-sql src/health.cpp:6 SELECT table_name FROM information_schema.tables
-- fixture: app-sql src/health.cpp:7 SELECT state FROM pg_catalog.pg_stat_activity
-- fixture: app-sql src/import.cpp:3 SELECT id FROM pg_temp.scratch
-- fixture: app-sql src/user_repo.cpp:60 SELECT ctid, xmin FROM users
-- fixture: app-sql src/ids.cpp:2 SELECT last_value FROM invoice_numbers
-- A schema no migration uses, and a view:
-- fixture: app-sql src/bi.cpp:4 SELECT revenue FROM reporting.daily_totals
-- fixture: app-sql src/user_repo.cpp:70 SELECT email_address FROM active_users
-- A field read by name tied to no query:
-- fixture: app-field src/handler.cpp:9 anything
CREATE TABLE users (id bigint PRIMARY KEY, email text, active boolean);
CREATE SEQUENCE invoice_numbers;
-- fixture: review
ALTER TABLE users ADD COLUMN locale text;
ALTER TABLE users RENAME COLUMN email TO email_address;
CREATE VIEW active_users AS SELECT id, email_address FROM users WHERE active;
