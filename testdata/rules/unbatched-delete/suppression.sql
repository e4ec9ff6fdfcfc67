-- schemaguard: ignore unbatched-delete -- a handful of rows in every environment
DELETE FROM feature_flags WHERE name LIKE 'tmp_%';
DELETE FROM feature_flags; -- schemaguard: ignore unbatched-delete -- reset, table is tiny
-- expect: unbatched-delete
DELETE FROM feature_flags WHERE enabled = false;
