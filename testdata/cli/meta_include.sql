CREATE TABLE notes (id bigint PRIMARY KEY);
\i other.sql
