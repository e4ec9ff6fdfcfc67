-- expect: rename-table "public.customers to public.accounts"
ALTER TABLE customers RENAME TO accounts;
-- expect: rename-table "billing.invoices to billing.bills"
ALTER TABLE IF EXISTS billing.invoices RENAME TO bills;
