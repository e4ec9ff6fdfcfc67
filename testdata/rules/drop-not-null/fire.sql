CREATE SCHEMA app;
CREATE TABLE app.users (id bigint PRIMARY KEY, email text NOT NULL, phone text NOT NULL);
-- fixture: review
-- expect: drop-not-null "DROP NOT NULL on app.users.email lets NULL in: deployed code that assumes app.users.email always has a value"
ALTER TABLE app.users ALTER COLUMN email DROP NOT NULL;
SET search_path = app;
-- expect: drop-not-null "app.users.phone"
ALTER TABLE users ALTER phone DROP NOT NULL, ALTER COLUMN email SET DEFAULT '';
-- A table the model does not know is taken to exist with the column NOT NULL.
-- expect: drop-not-null "on app.orders.status"
ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;
