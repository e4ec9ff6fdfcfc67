CREATE TABLE accounts (id bigint, name text);
CREATE UNIQUE INDEX accounts_id_idx ON accounts (id);
CREATE TABLE plans (code text, name text);
CREATE UNIQUE INDEX plans_code_idx ON plans (code);
-- fixture: review
-- schemaguard: ignore primary-key-using-index-sets-not-null -- the table holds a few rows
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;
-- schemaguard: ignore drop-not-null -- another rule's id does not silence this one
-- expect: primary-key-using-index-sets-not-null
ALTER TABLE plans ADD CONSTRAINT plans_pkey PRIMARY KEY USING INDEX plans_code_idx;
