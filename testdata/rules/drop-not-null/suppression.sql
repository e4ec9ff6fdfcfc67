-- schemaguard: ignore drop-not-null -- every reader handles NULL since release 4.2
ALTER TABLE users ALTER COLUMN phone DROP NOT NULL;
-- expect: drop-not-null
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
