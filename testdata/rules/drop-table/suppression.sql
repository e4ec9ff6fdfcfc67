-- schemaguard: ignore drop-table -- unused since 4.2
DROP TABLE legacy_sessions;
DROP TABLE legacy_tokens; -- schemaguard: ignore drop-table -- unused since 4.2
-- schemaguard: ignore drop-column -- another rule's id does not silence this one
-- expect: drop-table
DROP TABLE legacy_carts;
