\set ON_ERROR_STOP on
CREATE TABLE notes (id bigint PRIMARY KEY);
\echo done
