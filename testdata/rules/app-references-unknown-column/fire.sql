-- One finding per query, naming every unknown name in it, located in the code.
-- fixture: app-sql src/user_repo.cpp:42 SELECT id, emial FROM users WHERE id = $1
-- expect-code: app-references-unknown-column src/user_repo.cpp:42 "the application reads column public.users.emial, which the schema does not have after every migration"
-- fixture: app-sql src/user_repo.cpp:50 UPDATE users SET nick = $2, locael = $3 WHERE id = $1
-- expect-code: app-references-unknown-column src/user_repo.cpp:50 "the application uses column public.users.nick and column public.users.locael,"
-- Code merged ahead of the migration that creates its table.
-- fixture: app-sql src/invoice_repo.cpp:7 SELECT number FROM invoices WHERE id = $1
-- expect-code: app-references-unknown-column src/invoice_repo.cpp:7 "reads table public.invoices,"
-- fixture: app-sql src/export.cpp:5 SELECT * FROM users WHERE id = $1
-- fixture: app-field src/export.cpp:7 nickname
-- expect-code: app-references-unknown-column src/export.cpp:7 "column public.users.nickname (a result field read by name)"
-- Unqualified, and no table of the query has it.
-- fixture: app-sql src/search.cpp:12 SELECT phone FROM users JOIN orders ON orders.user_id = users.id
-- expect-code: app-references-unknown-column src/search.cpp:12 "column phone (in none of public.users, public.orders)"
-- The migration under review renames the column the code still reads.
-- fixture: app-sql src/mailer.cpp:3 SELECT email FROM users WHERE id = $1
-- expect-code: app-references-unknown-column src/mailer.cpp:3 "column public.users.email,"
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
-- fixture: review
ALTER TABLE users RENAME COLUMN email TO email_address;
