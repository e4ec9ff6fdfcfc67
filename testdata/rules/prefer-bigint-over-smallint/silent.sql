-- A small enumeration or count is fine as smallint.
CREATE TABLE tasks (id bigint PRIMARY KEY, priority smallint NOT NULL, retries int2 DEFAULT 0);
ALTER TABLE tasks ADD COLUMN weekday smallint;
-- integer keys are the other rule's.
CREATE TABLE codes (id int PRIMARY KEY);
