-- Batched loops in DO blocks: bounded per iteration, COMMIT per batch, no transaction around them.
DO $$
DECLARE
  batch_size  constant bigint := 10000;
  batch_start bigint;
  last_key    bigint;
BEGIN
  SELECT min(id), max(id) INTO batch_start, last_key FROM users;
  WHILE batch_start <= last_key LOOP
    UPDATE users SET email_lower = lower(email)
     WHERE email_lower IS NULL
       AND id >= batch_start AND id < batch_start + batch_size;
    COMMIT;
    PERFORM pg_sleep(0.1);
    batch_start := batch_start + batch_size;
  END LOOP;
END $$;
-- LIMITed keys until no row is left.
DO $$
BEGIN
  LOOP
    UPDATE users SET flag = true
     WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE flag IS NULL LIMIT 5000));
    EXIT WHEN NOT FOUND;
    COMMIT;
  END LOOP;
END $$;
-- One row per iteration of a FOR loop over a query, committing every 1000 rows.
DO $$
DECLARE
  r record;
  done bigint := 0;
BEGIN
  FOR r IN SELECT id FROM users WHERE flag IS NULL LOOP
    UPDATE users SET flag = true WHERE id = r.id;
    done := done + 1;
    IF done % 1000 = 0 THEN
      COMMIT;
    END IF;
  END LOOP;
END $$;
-- Not in a loop and bounded by a key: one small statement.
DO $$ BEGIN UPDATE users SET flag = true WHERE id = 42; END $$;
-- A batched procedure, created and then CALLed.
CREATE PROCEDURE backfill_flags(batch_size int DEFAULT 10000) LANGUAGE plpgsql AS $$
BEGIN
  LOOP
    UPDATE users SET flag = true
     WHERE id IN (SELECT id FROM users WHERE flag IS NULL LIMIT batch_size);
    EXIT WHEN NOT FOUND;
    COMMIT;
  END LOOP;
END $$;
CALL backfill_flags();
