-- The whole file is under review: tables it does not create are taken to exist.
-- expect: add-foreign-key-validates "on public.orders checks every row"
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
-- expect: add-foreign-key-validates "writes to billing.invoices and public.customers"
ALTER TABLE billing.invoices ADD FOREIGN KEY (customer_id) REFERENCES customers;
