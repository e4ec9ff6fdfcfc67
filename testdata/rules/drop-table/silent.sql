CREATE TABLE scratch (id int);
DROP TABLE scratch;
CREATE SCHEMA tmp;
SET search_path = tmp;
CREATE TABLE import (id int);
DROP TABLE tmp.import;
-- Not tables.
DROP VIEW IF EXISTS active_users;
DROP INDEX users_email_idx;
DROP SEQUENCE users_id_seq;
