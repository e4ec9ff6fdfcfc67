CREATE SCHEMA app;
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE app.users (id bigint PRIMARY KEY);
CREATE TABLE tags (name text);
-- fixture: review
-- expect: add-required-column-without-default "public.users"
ALTER TABLE users ADD COLUMN locale text NOT NULL;
-- expect: add-required-column-without-default "PRIMARY KEY"
ALTER TABLE tags ADD COLUMN id bigint PRIMARY KEY;
-- One finding per required column.
-- expect: add-required-column-without-default "country"
-- expect: add-required-column-without-default "city"
ALTER TABLE users ADD COLUMN country text NOT NULL, ADD COLUMN city text NOT NULL, ADD COLUMN zip text;
SET search_path = app;
-- expect: add-required-column-without-default "app.users"
ALTER TABLE users ADD COLUMN locale text NOT NULL;
