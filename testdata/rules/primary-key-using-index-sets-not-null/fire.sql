CREATE SCHEMA app;
CREATE TABLE app.accounts (id bigint, name text);
CREATE UNIQUE INDEX accounts_id_idx ON app.accounts (id);
CREATE TABLE app.memberships (tenant_id bigint, user_id bigint NOT NULL, role text);
CREATE UNIQUE INDEX memberships_key_idx ON app.memberships (tenant_id, user_id);
CREATE TABLE app.users (id bigint, email text);
CREATE UNIQUE INDEX users_id_idx ON app.users (id);
-- A NOT VALID CHECK proves nothing until it is validated.
ALTER TABLE app.users ADD CONSTRAINT users_id_not_null CHECK (id IS NOT NULL) NOT VALID;
-- fixture: review
-- expect: primary-key-using-index-sets-not-null "ADD PRIMARY KEY USING INDEX app.accounts_id_idx on app.accounts sets NOT NULL on nullable column id"
ALTER TABLE app.accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;
-- Only the nullable key column is named.
-- expect: primary-key-using-index-sets-not-null "on app.memberships sets NOT NULL on nullable column tenant_id:"
ALTER TABLE app.memberships ADD PRIMARY KEY USING INDEX memberships_key_idx;
SET search_path = app;
-- expect: primary-key-using-index-sets-not-null "on app.users sets NOT NULL on nullable column id"
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx;
