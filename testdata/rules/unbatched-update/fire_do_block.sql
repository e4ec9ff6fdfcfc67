-- Statements inside DO blocks are checked, and found where they stand in the body.
DO $$
BEGIN
  -- expect: unbatched-update "UPDATE on public.users (in a DO block) has no WHERE clause"
  UPDATE users SET flag = true;
END $$;
-- expect: unbatched-update
DO $$ BEGIN UPDATE users SET flag = true; END $$;
DO $backfill$
DECLARE
  n bigint;
BEGIN
  SELECT count(*) INTO n FROM users;
  IF n > 0 THEN
    -- expect: unbatched-update "filters rows but does not bound them by a key"
    UPDATE users
       SET email_lower = lower(email)
     WHERE email_lower IS NULL;
  END IF;
END $backfill$;
-- A loop that COMMITs does not help a statement no key bounds: its first run updates every row.
DO $$
BEGIN
  LOOP
    -- expect: unbatched-update "in a DO block"
    UPDATE users SET flag = true WHERE flag IS NULL;
    COMMIT;
    EXIT WHEN NOT FOUND;
  END LOOP;
END $$;
-- Bounded per iteration, but without a COMMIT the whole loop is one transaction.
DO $$
DECLARE
  batch_start bigint := 0;
BEGIN
  WHILE batch_start < 1000000 LOOP
    -- expect: unbatched-update "its loop does not COMMIT per batch"
    UPDATE users SET flag = true WHERE id >= batch_start AND id < batch_start + 10000;
    batch_start := batch_start + 10000;
  END LOOP;
END $$;
-- A COMMIT in a block with an EXCEPTION clause fails (the block is a subtransaction).
DO $$
BEGIN
  FOR batch IN 0..99 LOOP
    BEGIN
      -- expect: unbatched-update "does not COMMIT per batch"
      UPDATE users SET flag = true WHERE id BETWEEN batch * 10000 AND batch * 10000 + 9999;
      COMMIT;
    EXCEPTION WHEN deadlock_detected THEN NULL;
    END;
  END LOOP;
END $$;
-- A single-quoted body, quotes doubled.
DO LANGUAGE plpgsql '
BEGIN
  -- expect: unbatched-update
  UPDATE users SET status = ''active'' WHERE status = ''new'';
END';
-- An E'' body: its escapes hide where the statement is, so the finding is on the DO statement.
-- expect: unbatched-update
DO E'BEGIN\n  UPDATE users SET flag = true;\nEND';
