DELETE FROM events WHERE id = $1;
DELETE FROM events WHERE id = ANY ($1::bigint[]);
DELETE FROM events WHERE id IN (1, 2, 3);
DELETE FROM events WHERE id BETWEEN 1 AND 10000 AND created_at < now();
DELETE FROM events WHERE id >= $1 AND id < $2;
DELETE FROM events WHERE id IN (SELECT id FROM events WHERE created_at < now() LIMIT 1000);
DELETE FROM events WHERE ctid IN (SELECT ctid FROM events WHERE created_at < now() LIMIT 1000);
DELETE FROM events WHERE ctid = ANY (ARRAY(SELECT ctid FROM events WHERE created_at < now() LIMIT 1000));
DELETE FROM events WHERE events.id = 1 OR events.id = 2;
DELETE FROM events e USING users u WHERE e.user_id = u.id AND e.id BETWEEN 1 AND 1000;
WITH batch AS (SELECT id FROM events WHERE created_at < now() LIMIT 5000)
DELETE FROM events USING batch WHERE events.id = batch.id;
WITH moved AS (
  DELETE FROM events
  WHERE ctid = ANY (ARRAY(SELECT ctid FROM events WHERE created_at < now() - interval '1 year' LIMIT 1000))
  RETURNING *)
INSERT INTO events_archive SELECT * FROM moved;
-- A function body is not run by defining it (DO blocks: fire_do_block.sql, silent_do_batched.sql).
CREATE FUNCTION purge() RETURNS void LANGUAGE sql AS $$ DELETE FROM events $$;
