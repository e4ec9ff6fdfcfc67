-- A procedure the migration creates and then CALLs: its statements run at the CALL.
CREATE PROCEDURE backfill_flags() LANGUAGE plpgsql AS $$
BEGIN
  -- expect: unbatched-update "(in procedure backfill_flags, run by the CALL on line 7)"
  UPDATE users SET flag = true;
END $$;
CALL backfill_flags();
-- Batched, but CALLed inside an explicit transaction block, where COMMIT is rejected.
CREATE PROCEDURE app.backfill_status(batch_size int) LANGUAGE plpgsql AS $proc$
BEGIN
  LOOP
    -- expect: unbatched-update "(in procedure app.backfill_status, run by the CALL on line 20) is batched by a loop that COMMITs, but the CALL runs inside a transaction block"
    UPDATE users SET status = 'active'
     WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE status IS NULL LIMIT batch_size));
    EXIT WHEN NOT FOUND;
    COMMIT;
  END LOOP;
END $proc$;
BEGIN;
CALL app.backfill_status(10000);
COMMIT;
