-- Tables unknown to the model are treated as existing.
-- expect: drop-column "public.users.legacy_email"
ALTER TABLE users DROP COLUMN legacy_email;
-- One finding per dropped column.
-- expect: drop-column "public.users.a"
-- expect: drop-column "public.users.b"
ALTER TABLE users DROP COLUMN a, DROP COLUMN IF EXISTS b, ADD COLUMN c int;
-- expect: drop-column "billing.invoices.note"
ALTER TABLE billing.invoices DROP note;
