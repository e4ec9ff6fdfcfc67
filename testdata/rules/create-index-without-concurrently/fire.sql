-- expect: create-index-without-concurrently "on public.orders"
CREATE INDEX orders_user_id_idx ON orders (user_id);
-- expect: create-index-without-concurrently "on billing.invoices"
CREATE UNIQUE INDEX invoices_number_key ON billing.invoices (number);
