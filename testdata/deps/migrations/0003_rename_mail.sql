-- The column was always an e-mail address.
ALTER TABLE users RENAME COLUMN mail TO email;
