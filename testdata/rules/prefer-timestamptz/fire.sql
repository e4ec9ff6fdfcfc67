-- expect: prefer-timestamptz "public.events.happened_at is declared timestamp"
-- expect: prefer-timestamptz "public.events.recorded_at is declared timestamp(3)"
CREATE TABLE events (
  id bigint PRIMARY KEY,
  happened_at timestamp NOT NULL DEFAULT now(),
  recorded_at timestamp(3) without time zone,
  created_at timestamptz
);
-- expect: prefer-timestamptz "app.jobs.run_at"
ALTER TABLE app.jobs ADD COLUMN run_at TIMESTAMP WITHOUT TIME ZONE;
-- expect: prefer-timestamptz "public.events.created_at"
ALTER TABLE events ALTER COLUMN created_at TYPE timestamp;
