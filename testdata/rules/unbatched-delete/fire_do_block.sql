-- Statements inside DO blocks are checked, and found where they stand in the body.
DO $$
BEGIN
  -- expect: unbatched-delete "DELETE on public.events (in a DO block) filters rows but does not bound them by a key"
  DELETE FROM events WHERE created_at < now() - interval '90 days';
END $$;
-- expect: unbatched-delete
DO $$ BEGIN DELETE FROM events; END $$;
-- The archive pattern in a DO block: a DELETE in a WITH clause.
DO $$
BEGIN
  -- expect: unbatched-delete "(in a WITH clause, in a DO block)"
  WITH moved AS (DELETE FROM events WHERE created_at < now() - interval '1 year' RETURNING *)
  INSERT INTO events_archive SELECT * FROM moved;
END $$;
-- LIMITed per iteration, but without a COMMIT the whole loop is one transaction.
DO $$
BEGIN
  LOOP
    -- expect: unbatched-delete "its loop does not COMMIT per batch"
    DELETE FROM events
     WHERE ctid = ANY (ARRAY(SELECT ctid FROM events WHERE created_at < now() - interval '90 days' LIMIT 10000));
    EXIT WHEN NOT FOUND;
  END LOOP;
END $$;
-- A procedure the migration creates and then CALLs inside its transaction: COMMIT is rejected there.
CREATE PROCEDURE purge_events(batch_size int) LANGUAGE plpgsql AS $$
BEGIN
  LOOP
    -- expect: unbatched-delete "the CALL runs inside a transaction block"
    DELETE FROM events
     WHERE id IN (SELECT id FROM events WHERE created_at < now() - interval '90 days' LIMIT batch_size);
    EXIT WHEN NOT FOUND;
    COMMIT;
  END LOOP;
END $$;
BEGIN;
CALL purge_events(10000);
COMMIT;
-- An unbatched procedure, CALLed.
CREATE PROCEDURE purge_all() LANGUAGE plpgsql AS $$
BEGIN
  -- expect: unbatched-delete "(in procedure purge_all, run by the CALL on line 46)"
  DELETE FROM events;
END $$;
CALL purge_all();
