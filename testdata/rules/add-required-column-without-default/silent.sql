CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- fixture: review
-- Something fills the existing rows.
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN seq_no bigserial NOT NULL;
ALTER TABLE users ADD COLUMN line_no bigint NOT NULL GENERATED ALWAYS AS IDENTITY;
ALTER TABLE users ADD COLUMN email_lower text NOT NULL GENERATED ALWAYS AS (lower(coalesce(email, ''))) STORED;
-- Nullable columns are fine.
ALTER TABLE users ADD COLUMN nickname text;
-- The safe sequence for a computed value: nullable, backfill, CHECK NOT VALID, VALIDATE, SET NOT NULL.
ALTER TABLE users ADD COLUMN country text;
ALTER TABLE users ADD CONSTRAINT users_country_not_null CHECK (country IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_country_not_null;
ALTER TABLE users ALTER COLUMN country SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_country_not_null;
-- A table created under review is empty.
CREATE TABLE sessions (id bigint);
ALTER TABLE sessions ADD COLUMN token text NOT NULL;
