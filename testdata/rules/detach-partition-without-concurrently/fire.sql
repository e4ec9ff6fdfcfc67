CREATE SCHEMA metrics;
CREATE TABLE metrics.measurements (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE metrics.measurements_2019 PARTITION OF metrics.measurements FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
-- fixture: review
-- expect: detach-partition-without-concurrently "DETACH PARTITION metrics.measurements_2019 without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on metrics.measurements"
ALTER TABLE metrics.measurements DETACH PARTITION metrics.measurements_2019;
-- A table the model does not know is taken to exist, without a default partition.
-- expect: detach-partition-without-concurrently "on public.events"
ALTER TABLE events DETACH PARTITION events_2020;
-- A partition created under review of an old parent: the parent is in use.
CREATE TABLE metrics.measurements_2030 PARTITION OF metrics.measurements FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
-- expect: detach-partition-without-concurrently "metrics.measurements_2030"
ALTER TABLE metrics.measurements DETACH PARTITION metrics.measurements_2030;
