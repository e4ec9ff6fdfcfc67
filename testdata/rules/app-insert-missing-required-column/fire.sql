-- fixture: app-sql src/user_repo.cpp:30 INSERT INTO users (id, email) VALUES ($1, $2)
-- fixture: app-sql src/user_repo.cpp:36 INSERT INTO users (id, email, locale) VALUES ($1, $2, $3)
-- fixture: app-sql src/import.cpp:12 INSERT INTO users VALUES ($1, $2)
-- fixture: app-sql src/import.cpp:20 INSERT INTO users (id, email) SELECT id, email FROM staged_users
-- fixture: app-sql src/audit.cpp:4 INSERT INTO audit_log DEFAULT VALUES
-- fixture: app-sql src/audit.cpp:9 WITH moved AS (DELETE FROM staged_users RETURNING id) INSERT INTO audit_log (id) SELECT id FROM moved
CREATE TABLE users (id bigint PRIMARY KEY, email text, locale text);
CREATE TABLE staged_users (id bigint, email text);
CREATE TABLE audit_log (id bigint, happened_at timestamptz DEFAULT now(), actor text);
-- fixture: review

-- Line 36 names locale; line 30 does not; line 12 supplies two values positionally, and locale
-- is the third column; line 20 (INSERT ... SELECT) lists its columns without locale.
-- expect: app-insert-missing-required-column "public.users.locale is made NOT NULL, but the application inserts into public.users without it in 3 places (src/import.cpp:12, src/import.cpp:20, src/user_repo.cpp:30)"
ALTER TABLE users ALTER COLUMN locale SET NOT NULL;

-- expect: app-insert-missing-required-column "public.users.tenant_id is added NOT NULL without a default"
ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;

-- DEFAULT VALUES supplies nothing; the INSERT in a data-modifying WITH lists only id.
-- expect: app-insert-missing-required-column "public.audit_log.happened_at is made NOT NULL and loses its default, but the application inserts into public.audit_log without it in 2 places"
ALTER TABLE audit_log ALTER COLUMN happened_at SET NOT NULL, ALTER COLUMN happened_at DROP DEFAULT;
