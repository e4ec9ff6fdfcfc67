-- Locks that do not conflict with ordinary reads and writes.
UPDATE users SET flag = true WHERE id = 1;
DELETE FROM users WHERE id = 2;
INSERT INTO users (id) VALUES (3);
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
ALTER TABLE users VALIDATE CONSTRAINT users_email_check;
VACUUM users;
