CREATE SCHEMA app;
-- fixture: review
CREATE TABLE app.events (id bigint PRIMARY KEY, kind text);
SET search_path = app, public;
ALTER TABLE events ADD COLUMN payload jsonb;
-- public.events is another, existing table.
-- expect: missing-lock-timeout "on public.events"
ALTER TABLE public.events ADD COLUMN payload jsonb;
