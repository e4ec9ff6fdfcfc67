-- fixture: pg-version 11
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status text);
CREATE INDEX orders_open_idx ON orders USING btree (user_id, lower(status)) WHERE status <> 'done';
-- fixture: review
-- PostgreSQL 11 has no REINDEX CONCURRENTLY: the help says so and the suggestion is a copy and a swap.
-- expect: reindex-without-concurrently "REINDEX INDEX public.orders_open_idx holds"
REINDEX INDEX orders_open_idx;
-- expect: reindex-without-concurrently "REINDEX TABLE public.orders holds"
REINDEX TABLE orders;
