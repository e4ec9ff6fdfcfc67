-- Key columns: serial, identity, primary key, foreign key (column and table constraints).
-- expect: prefer-bigint-over-int "public.orders.id (primary key) is declared serial"
-- expect: prefer-bigint-over-int "public.orders.customer_id (foreign key to public.customers)"
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id int REFERENCES customers (id),
  quantity int NOT NULL
);
-- expect: prefer-bigint-over-int "billing.invoices.id (primary key) is declared integer"
-- expect: prefer-bigint-over-int "billing.invoices.order_id (foreign key to public.orders)"
CREATE TABLE billing.invoices (
  id int4,
  order_id integer,
  PRIMARY KEY (id),
  FOREIGN KEY (order_id) REFERENCES public.orders (id)
);
-- expect: prefer-bigint-over-int "public.events.seq (identity column)"
CREATE TABLE events (seq integer GENERATED ALWAYS AS IDENTITY, note text);
-- expect: prefer-bigint-over-int "public.events.ticket (sequence default)"
ALTER TABLE events ADD COLUMN ticket int DEFAULT nextval('tickets_seq');
