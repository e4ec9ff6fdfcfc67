-- fixture: pg-version 13
-- DETACH PARTITION ... CONCURRENTLY arrived in 14: before that there is nothing better to suggest.
ALTER TABLE measurements DETACH PARTITION measurements_2019;
