-- schemaguard: ignore drop-cascade -- dependents dropped in 0041
DROP TABLE legacy_sessions CASCADE;
-- schemaguard: ignore drop-table -- another rule's id does not silence this one
-- expect: drop-cascade
DROP TABLE legacy_tokens CASCADE;
