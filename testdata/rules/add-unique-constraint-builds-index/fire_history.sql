CREATE SCHEMA app;
CREATE TABLE app.users (id bigint NOT NULL, email text);
-- fixture: review
SET search_path = app;
-- A history table is not new.
-- expect: add-unique-constraint-builds-index "ADD PRIMARY KEY on app.users"
ALTER TABLE users ADD PRIMARY KEY (id);
-- expect: add-unique-constraint-builds-index "ADD UNIQUE on app.users"
ALTER TABLE users ADD UNIQUE (email);
