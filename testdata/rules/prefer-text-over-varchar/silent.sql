CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL CHECK (char_length(email) <= 255),
  nick varchar,
  bio character varying
);
ALTER TABLE users ADD COLUMN aliases text[];
-- Moving off varchar(n) is the fix.
ALTER TABLE users ALTER COLUMN nick TYPE text;
