CREATE TABLE accounts (id bigint, code text, PRIMARY KEY (id), UNIQUE (code));
CREATE TABLE invoices (id bigint PRIMARY KEY, account_code text REFERENCES accounts (code));
-- fixture: review
-- expect: drop-column-drops-dependents "foreign key invoices_account_code_fkey on public.invoices references public.accounts.code"
ALTER TABLE accounts DROP COLUMN code;
