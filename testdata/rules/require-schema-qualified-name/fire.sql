-- expect: require-schema-qualified-name "table invoices has no schema: it is created in public"
CREATE TABLE invoices (id bigint PRIMARY KEY);
-- expect: require-schema-qualified-name "table invoices has no schema: it resolves through search_path, to public.invoices"
CREATE INDEX invoices_id_idx ON invoices (id);
-- expect: require-schema-qualified-name "table invoices has no schema"
ALTER TABLE invoices ADD COLUMN total numeric;
-- expect: require-schema-qualified-name "function touch has no schema"
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
-- expect: require-schema-qualified-name "type mood has no schema"
CREATE TYPE mood AS ENUM ('ok');
-- One finding per unqualified name.
-- expect: require-schema-qualified-name "table legacy"
DROP TABLE IF EXISTS legacy, billing.old_invoices;
-- The search_path set in the file decides where names land.
SET search_path = billing, public;
-- expect: require-schema-qualified-name "it is created in billing"
CREATE SEQUENCE invoice_numbers;
-- expect: require-schema-qualified-name "to public.invoices"
ALTER TABLE invoices RENAME COLUMN total TO amount;
