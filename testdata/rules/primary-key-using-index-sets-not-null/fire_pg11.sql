-- fixture: pg-version 11
CREATE TABLE accounts (id bigint, name text);
CREATE UNIQUE INDEX accounts_id_idx ON accounts (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_id_not_null CHECK (id IS NOT NULL);
-- fixture: review
-- PostgreSQL 11 does not use the validated CHECK: setting NOT NULL still scans.
-- expect: primary-key-using-index-sets-not-null "public.accounts sets NOT NULL on nullable column id"
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;
