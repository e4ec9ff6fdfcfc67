-- The whole file is under review: tables it does not create are taken to exist.
-- expect: set-not-null-scan "on public.orders.user_id"
ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;
-- expect: set-not-null-scan "on billing.invoices.number"
ALTER TABLE billing.invoices ALTER COLUMN number SET NOT NULL;
-- Two columns in one statement: two findings.
-- expect: set-not-null-scan "orders.a"
-- expect: set-not-null-scan "orders.b"
ALTER TABLE orders ALTER COLUMN a SET NOT NULL, ALTER COLUMN b SET NOT NULL;
