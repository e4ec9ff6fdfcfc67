-- A SHARE lock blocks writes: CREATE INDEX without CONCURRENTLY counts; weaker locks before it do not.
UPDATE users SET flag = true WHERE id = 1;
CREATE INDEX CONCURRENTLY users_name_idx ON users (name);
-- expect: missing-lock-timeout "ShareLock on public.users"
CREATE INDEX users_email_idx ON users (email);
