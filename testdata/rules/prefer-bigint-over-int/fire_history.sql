CREATE TABLE accounts (id bigint PRIMARY KEY, parent_id bigint REFERENCES accounts (id), score bigint);
-- fixture: review
-- The model knows parent_id is a foreign key: narrowing it to integer is flagged.
-- expect: prefer-bigint-over-int "public.accounts.parent_id (foreign key to public.accounts)"
ALTER TABLE accounts ALTER COLUMN parent_id TYPE integer;
-- score is no key.
ALTER TABLE accounts ALTER COLUMN score TYPE integer;
