-- The model knows nothing of events: `id` and ctid are its keys.
-- expect: unbatched-delete "DELETE on public.events has no WHERE clause"
DELETE FROM events;
-- expect: unbatched-delete "filters rows but does not bound them by a key"
DELETE FROM events WHERE created_at < now() - interval '90 days';
-- expect: unbatched-delete
DELETE FROM events WHERE id < 1000000;
-- expect: unbatched-delete
DELETE FROM events WHERE id >= 10 AND created_at < now();
-- expect: unbatched-delete
DELETE FROM events WHERE ctid = ANY (ARRAY(SELECT ctid FROM events WHERE created_at < now()));
-- expect: unbatched-delete
DELETE FROM events WHERE id IN (SELECT event_id FROM expired);
-- expect: unbatched-delete
DELETE FROM events WHERE id NOT IN (1, 2);
-- expect: unbatched-delete
DELETE FROM events WHERE kind = 'debug' OR id = 5;
-- DELETE ... USING: the target must be bounded, not the other table.
-- expect: unbatched-delete
DELETE FROM events e USING users u WHERE e.user_id = u.id AND u.id = 5;
-- expect: unbatched-delete
DELETE FROM events USING users WHERE events.id = users.last_event_id;
-- The archive pattern: a DELETE in a WITH clause.
-- expect: unbatched-delete "in a WITH clause"
WITH moved AS (DELETE FROM events WHERE created_at < now() - interval '1 year' RETURNING *)
INSERT INTO events_archive SELECT * FROM moved;
