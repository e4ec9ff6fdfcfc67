-- schemaguard: ignore reindex-without-concurrently -- maintenance window, the table is offline
REINDEX INDEX orders_user_id_idx;
REINDEX TABLE settings; -- schemaguard: ignore reindex-without-concurrently -- a few rows
-- schemaguard: ignore drop-index-without-concurrently -- another rule's id does not silence this one
-- expect: reindex-without-concurrently
REINDEX TABLE orders;
