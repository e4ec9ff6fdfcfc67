-- expect: rename-column "public.users.email to email_address"
ALTER TABLE users RENAME COLUMN email TO email_address;
-- expect: rename-column "billing.invoices.note to memo"
ALTER TABLE billing.invoices RENAME note TO memo;
