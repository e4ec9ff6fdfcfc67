-- fixture: wrap-in-transaction
-- A batched loop inside the migration's transaction: PostgreSQL rejects the COMMIT, the
-- batches cannot commit one by one.
DO $$
DECLARE
  batch_start bigint := 0;
BEGIN
  WHILE batch_start < 1000000 LOOP
    -- expect: unbatched-update "the DO block runs inside a transaction block"
    UPDATE users SET flag = true WHERE id >= batch_start AND id < batch_start + 10000;
    COMMIT;
    batch_start := batch_start + 10000;
  END LOOP;
END $$;
