CREATE TABLE products (id bigint PRIMARY KEY, sku varchar(20), title text);
-- fixture: review
-- Raising the limit only touches the catalogue, but the column keeps a limit.
-- expect: prefer-text-over-varchar "public.products.sku is declared varchar(40)"
ALTER TABLE products ALTER COLUMN sku TYPE varchar(40);
-- text to varchar(n) rewrites: the message says so.
-- expect: prefer-text-over-varchar "(this statement rewrites public.products already)"
ALTER TABLE products ALTER COLUMN title TYPE varchar(200);
