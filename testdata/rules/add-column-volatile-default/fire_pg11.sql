-- fixture: pg-version 11
CREATE TABLE events (id bigint PRIMARY KEY);
-- fixture: review
-- Fast defaults exist from 11, but only for non-volatile expressions.
-- expect: add-column-volatile-default
ALTER TABLE events ADD COLUMN token text DEFAULT md5(random()::text);
ALTER TABLE events ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
