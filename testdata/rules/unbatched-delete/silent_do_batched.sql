-- Batched loops: bounded per iteration, COMMIT per batch, no transaction block around them.
DO $$
BEGIN
  LOOP
    DELETE FROM events
     WHERE ctid = ANY (ARRAY(SELECT ctid FROM events WHERE created_at < now() - interval '90 days' LIMIT 10000));
    EXIT WHEN NOT FOUND;
    COMMIT;
    PERFORM pg_sleep(0.1);
  END LOOP;
END $$;
DO $$
DECLARE
  first_id bigint;
  last_id  bigint;
BEGIN
  SELECT min(id), max(id) INTO first_id, last_id FROM events WHERE created_at < now() - interval '90 days';
  FOR batch_start IN first_id..last_id BY 10000 LOOP
    DELETE FROM events
     WHERE created_at < now() - interval '90 days'
       AND id >= batch_start AND id < batch_start + 10000;
    COMMIT;
  END LOOP;
END $$;
-- A batched procedure, created and then CALLed.
CREATE PROCEDURE purge_events(batch_size int DEFAULT 10000) LANGUAGE plpgsql AS $$
BEGIN
  LOOP
    DELETE FROM events
     WHERE id IN (SELECT id FROM events WHERE created_at < now() - interval '90 days' LIMIT batch_size);
    EXIT WHEN NOT FOUND;
    COMMIT;
  END LOOP;
END $$;
CALL purge_events();
-- Defining a function or procedure runs nothing.
CREATE FUNCTION purge_now() RETURNS void LANGUAGE plpgsql AS $$ BEGIN DELETE FROM events; END $$;
CREATE PROCEDURE purge_later() LANGUAGE plpgsql AS $$ BEGIN DELETE FROM events; END $$;
