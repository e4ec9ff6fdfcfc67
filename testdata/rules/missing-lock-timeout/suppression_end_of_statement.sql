CREATE INDEX users_email_idx ON users (email); -- schemaguard: ignore missing-lock-timeout -- empty table on every environment
