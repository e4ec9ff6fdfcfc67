-- fixture: app-sql src/user_repo.cpp:42 SELECT id, locale FROM users WHERE id = $1
-- fixture: app-sql src/user_repo.cpp:70 SELECT id FROM users WHERE timezone = $1
-- fixture: app-sql src/user_repo.cpp:80 SELECT * FROM users WHERE id = $1
-- fixture: app-field src/user_repo.cpp:82 theme
-- fixture: app-sql src/report.cpp:9 SELECT country FROM users JOIN orders ON orders.user_id = users.id
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
-- fixture: review

-- expect: app-reads-column-added-under-review "public.users.locale is added here, and the application already reads it in 1 place (src/user_repo.cpp:42)"
ALTER TABLE users ADD COLUMN locale text;

-- A filter is a read too.
-- expect: app-reads-column-added-under-review "src/user_repo.cpp:70"
ALTER TABLE users ADD COLUMN timezone text NOT NULL DEFAULT 'UTC';

-- A result field read by name through SELECT *.
-- expect: app-reads-column-added-under-review "src/user_repo.cpp:82"
ALTER TABLE users ADD COLUMN theme text;

-- Neither table has country yet: the reference is ambiguous, and counts.
-- expect: app-reads-column-added-under-review "it is ambiguous"
ALTER TABLE users ADD COLUMN country text;
