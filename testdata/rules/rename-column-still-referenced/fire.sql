-- fixture: app-sql src/user_repo.cpp:42 SELECT id, email FROM users WHERE id = $1
-- fixture: app-sql src/user_repo.cpp:60 SELECT * FROM users WHERE id = $1
-- fixture: app-field src/user_repo.cpp:61 nickname
-- fixture: app-sql src/search.cpp:12 SELECT phone FROM users, contacts WHERE contacts.user_id = users.id
CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text, phone text);
CREATE TABLE contacts (id bigint PRIMARY KEY, user_id bigint, phone text);
-- fixture: review

-- expect: rename-column-still-referenced "public.users.email is renamed to email_address while the application still uses the old name in 1 place (src/user_repo.cpp:42)"
ALTER TABLE users RENAME COLUMN email TO email_address;

-- A field read by name through SELECT * breaks as well.
-- expect: rename-column-still-referenced "in 1 place (src/user_repo.cpp:61)"
ALTER TABLE users RENAME COLUMN nickname TO display_name;

-- expect: rename-column-still-referenced "it is ambiguous: unqualified `phone`"
ALTER TABLE users RENAME COLUMN phone TO phone_number;
