CREATE SCHEMA app;
CREATE TABLE app.users (id bigint PRIMARY KEY, nickname text);
CREATE TABLE public.users (id bigint PRIMARY KEY, nickname text);
-- fixture: review
-- A history table is not new.
-- expect: drop-column "public.users.nickname"
ALTER TABLE users DROP COLUMN nickname;
SET search_path = app, public;
-- expect: drop-column "app.users.nickname"
ALTER TABLE users DROP COLUMN nickname;
