-- No application code declared: as under `schemaguard lint`, the rule sees no references
-- (drop-column reports this statement instead).
CREATE TABLE users (id bigint PRIMARY KEY, email text);
-- fixture: review
ALTER TABLE users DROP COLUMN email;
