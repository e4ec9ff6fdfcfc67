-- schemaguard: ignore truncate-table -- sessions are recreated on the next login
TRUNCATE sessions;
TRUNCATE cache_entries; -- schemaguard: ignore truncate-table -- a cache
-- schemaguard: ignore drop-table -- another rule's id does not silence this one
-- expect: truncate-table
TRUNCATE orders;
