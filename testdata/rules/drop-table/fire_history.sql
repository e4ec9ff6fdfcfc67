CREATE SCHEMA app;
CREATE TABLE app.sessions (id bigint PRIMARY KEY);
CREATE TABLE sessions (id bigint PRIMARY KEY);
-- fixture: review
CREATE TABLE scratch (id int);
-- Only the history table fires.
-- expect: drop-table "public.sessions"
DROP TABLE scratch, sessions;
SET search_path = app;
-- expect: drop-table "app.sessions"
DROP TABLE sessions;
