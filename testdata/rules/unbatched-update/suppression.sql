-- schemaguard: ignore unbatched-update -- lookup table with 12 rows
UPDATE currencies SET symbol = upper(symbol);
UPDATE currencies SET name = trim(name); -- schemaguard: ignore unbatched-update -- 12 rows
-- schemaguard: ignore unbatched-delete -- another rule's id does not silence this one
-- expect: unbatched-update
UPDATE currencies SET name = lower(name);
