CREATE TABLE events (
  id bigint PRIMARY KEY,
  happened_at timestamptz NOT NULL DEFAULT now(),
  recorded_at timestamp(3) with time zone,
  day date,
  at_time time
);
ALTER TABLE events ADD COLUMN processed_at timestamptz;
SET timezone = 'UTC';
ALTER TABLE events ALTER COLUMN recorded_at TYPE timestamptz;
