-- schemaguard: ignore drop-index-without-concurrently -- the table has a few rows
DROP INDEX settings_name_idx;
DROP INDEX settings_scope_idx; -- schemaguard: ignore drop-index-without-concurrently -- same
-- schemaguard: ignore drop-table -- another rule's id does not silence this one
-- expect: drop-index-without-concurrently
DROP INDEX orders_status_idx;
