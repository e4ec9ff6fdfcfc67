CREATE SCHEMA app;
CREATE TABLE orders (id bigint PRIMARY KEY, placed_at timestamptz);
CREATE TABLE app.orders (id bigint PRIMARY KEY);
CREATE FUNCTION make_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
-- fixture: review
-- expect: add-column-volatile-default "public.orders"
ALTER TABLE orders ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
-- expect: add-column-volatile-default "clock_timestamp"
ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();
-- expect: add-column-volatile-default "serial"
ALTER TABLE orders ADD COLUMN seq_no bigserial;
-- expect: add-column-volatile-default "identity"
ALTER TABLE orders ADD COLUMN line_no bigint GENERATED ALWAYS AS IDENTITY;
-- A function declared without a volatility marker is volatile.
-- expect: add-column-volatile-default "make_code"
ALTER TABLE orders ADD COLUMN code text DEFAULT make_code();
-- A volatile call nested in a larger expression.
-- expect: add-column-volatile-default
ALTER TABLE orders ADD COLUMN score int DEFAULT (random() * 100)::int;
-- Two such columns in one statement: one finding each.
-- expect: add-column-volatile-default "jitter"
-- expect: add-column-volatile-default "token"
ALTER TABLE orders ADD COLUMN jitter float8 DEFAULT random(), ADD COLUMN token uuid DEFAULT gen_random_uuid();
SET search_path = app;
-- expect: add-column-volatile-default "app.orders"
ALTER TABLE orders ADD COLUMN n serial;
