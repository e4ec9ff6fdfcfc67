CREATE TABLE measurements (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE measurements_2019 PARTITION OF measurements FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
CREATE TABLE logs (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE logs_2019 PARTITION OF logs FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
CREATE TABLE logs_other PARTITION OF logs DEFAULT;
-- fixture: review
-- The safe form, and its recovery step.
ALTER TABLE measurements DETACH PARTITION measurements_2019 CONCURRENTLY;
ALTER TABLE measurements DETACH PARTITION measurements_2019 FINALIZE;
-- With a default partition CONCURRENTLY is not allowed: no alternative, no finding.
ALTER TABLE logs DETACH PARTITION logs_2019;
-- A partitioned table created under review is not in use yet.
CREATE TABLE imports (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE imports_1 PARTITION OF imports FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
ALTER TABLE imports DETACH PARTITION imports_1;
