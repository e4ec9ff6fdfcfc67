CREATE TABLE accounts (id bigint NOT NULL, name text);
CREATE UNIQUE INDEX accounts_id_idx ON accounts (id);
CREATE TABLE users (id bigint, email text);
CREATE UNIQUE INDEX users_id_idx ON users (id);
CREATE TABLE orders (id bigint, total numeric);
CREATE UNIQUE INDEX orders_id_idx ON orders (id);
ALTER TABLE orders ADD CONSTRAINT orders_id_not_null CHECK (id IS NOT NULL AND total >= 0);
-- fixture: review
-- Already NOT NULL: no scan.
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;
-- A validated CHECK from history proves it (PostgreSQL 12+).
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_idx;
-- The safe sequence: CHECK NOT VALID, VALIDATE (separately), then the key.
ALTER TABLE users ADD CONSTRAINT users_id_not_null CHECK (id IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_id_not_null;
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;
ALTER TABLE users DROP CONSTRAINT users_id_not_null;
-- A table created under review is empty.
CREATE TABLE imports (id bigint, batch int);
CREATE UNIQUE INDEX imports_id_idx ON imports (id);
ALTER TABLE imports ADD CONSTRAINT imports_pkey PRIMARY KEY USING INDEX imports_id_idx;
-- Without USING INDEX the key builds its own index: another rule's business.
ALTER TABLE accounts ADD COLUMN code text;
ALTER TABLE accounts ADD CONSTRAINT accounts_code_key UNIQUE (code);
-- An index the model does not know: its columns are unknown.
ALTER TABLE legacy ADD CONSTRAINT legacy_pkey PRIMARY KEY USING INDEX legacy_id_idx;
