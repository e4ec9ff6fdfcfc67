-- schemaguard: ignore set-not-null-scan -- the table holds a few hundred rows
ALTER TABLE settings ALTER COLUMN value SET NOT NULL;
ALTER TABLE settings ALTER COLUMN name SET NOT NULL; -- schemaguard: ignore set-not-null-scan -- tiny table
-- expect: set-not-null-scan
ALTER TABLE settings ALTER COLUMN scope SET NOT NULL;
