-- The whole file is under review: objects it does not create are taken to exist.
-- expect: reindex-without-concurrently "REINDEX INDEX public.orders_user_id_idx without CONCURRENTLY"
REINDEX INDEX orders_user_id_idx;
-- expect: reindex-without-concurrently "REINDEX TABLE billing.invoices"
REINDEX TABLE billing.invoices;
-- expect: reindex-without-concurrently "REINDEX SCHEMA billing"
REINDEX SCHEMA billing;
-- expect: reindex-without-concurrently "REINDEX DATABASE app"
REINDEX (VERBOSE) DATABASE app;
-- Inside a transaction block the locks last until COMMIT: still flagged.
BEGIN;
-- expect: reindex-without-concurrently "a SHARE lock on its table and an ACCESS EXCLUSIVE lock on public.orders_pkey"
REINDEX INDEX orders_pkey;
COMMIT;
