CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- fixture: review
-- A table created under review is new.
CREATE TABLE drafts (id bigint PRIMARY KEY, body text);
ALTER TABLE drafts DROP COLUMN body;
CREATE SCHEMA app;
CREATE TABLE app.notes (id bigint PRIMARY KEY, body text);
SET search_path = app;
ALTER TABLE notes DROP COLUMN body;
-- A column added under review to an existing table is new too.
ALTER TABLE public.users ADD COLUMN tmp int;
ALTER TABLE public.users DROP COLUMN tmp;
-- Other ALTER TABLE commands.
ALTER TABLE public.users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE public.users DROP CONSTRAINT users_email_key;
ALTER TABLE public.users ALTER COLUMN email DROP DEFAULT;
