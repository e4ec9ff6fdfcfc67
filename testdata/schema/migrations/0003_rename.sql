ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
ALTER TABLE users RENAME COLUMN status TO state;
DO $$ BEGIN EXECUTE 'ALTER TABLE users ADD COLUMN note text'; END $$;
