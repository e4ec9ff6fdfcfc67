-- schemaguard: ignore detach-partition-without-concurrently -- quiet hours, lock_timeout set
ALTER TABLE measurements DETACH PARTITION measurements_2019;
-- expect: detach-partition-without-concurrently
ALTER TABLE measurements DETACH PARTITION measurements_2020;
