CREATE SCHEMA app;
CREATE TABLE app.customers (id bigint PRIMARY KEY);
CREATE TABLE app.orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES app.customers (id));
CREATE TABLE app.order_lines (id bigint PRIMARY KEY, order_id bigint REFERENCES app.orders (id));
CREATE TABLE app.sessions (id bigint PRIMARY KEY);
-- fixture: review
-- expect: truncate-table "TRUNCATE deletes every row of app.sessions; it cannot be undone once committed"
TRUNCATE app.sessions;
-- CASCADE empties the referencing tables, and theirs, unnamed.
-- expect: truncate-table "TRUNCATE deletes every row of app.customers, and through CASCADE of app.order_lines and app.orders, which the statement does not name"
TRUNCATE TABLE app.customers CASCADE;
-- One finding per table listed; tables listed are named anyway.
-- expect: truncate-table "app.orders, and through CASCADE of app.order_lines,"
-- expect: truncate-table "every row of app.customers, and through CASCADE of app.order_lines, which"
TRUNCATE app.orders, app.customers CASCADE;
-- A table the model does not know is taken to exist.
-- expect: truncate-table "public.audit_log, and through CASCADE of any table that references it"
TRUNCATE ONLY audit_log RESTART IDENTITY CASCADE;
-- Every table CASCADE reaches is listed: nothing unnamed to report.
-- expect: truncate-table "TRUNCATE deletes every row of app.orders; it cannot be undone once committed"
-- expect: truncate-table "TRUNCATE deletes every row of app.order_lines; it cannot be undone once committed"
TRUNCATE app.orders, app.order_lines CASCADE;
