-- expect: invalid-suppression "unknown squawk rule `ban-drop-colum`"
-- squawk-ignore ban-drop-colum
ALTER TABLE users DROP COLUMN legacy_email;

-- A schemaguard id in a squawk comment is not a squawk rule name either.
-- expect: invalid-suppression "unknown squawk rule `drop-column`"
-- squawk-ignore drop-column -- copied from a schemaguard comment
ALTER TABLE users DROP COLUMN legacy_name;

-- expect: invalid-suppression "unknown squawk rule `prefer-big-integer`"
-- squawk-ignore-file prefer-big-integer
