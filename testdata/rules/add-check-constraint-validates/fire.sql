-- The whole file is under review: tables it does not create are taken to exist.
-- expect: add-check-constraint-validates "on public.orders"
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);
-- expect: add-check-constraint-validates "ADD CHECK on billing.invoices"
ALTER TABLE billing.invoices ADD CHECK (total >= 0);
-- One finding per CHECK, even among other subcommands.
-- expect: add-check-constraint-validates "orders_a_positive"
-- expect: add-check-constraint-validates "orders_b_positive"
ALTER TABLE orders
  ADD CONSTRAINT orders_a_positive CHECK (a > 0),
  ADD CONSTRAINT orders_b_positive CHECK (b > 0),
  ADD CONSTRAINT orders_c_positive CHECK (c > 0) NOT VALID;
