CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE FUNCTION default_region() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'eu' $$;
-- fixture: review
-- Non-volatile defaults are stored in the catalogue (11+): no rewrite.
ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE orders ADD COLUMN updated_at timestamptz DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
ALTER TABLE orders ADD COLUMN region text DEFAULT default_region();
ALTER TABLE orders ADD COLUMN note text;
-- The safe sequence: no default first, then SET DEFAULT (catalogue only).
ALTER TABLE orders ADD COLUMN public_id uuid;
ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();
-- A table created under review is new and empty.
CREATE TABLE drafts (id bigint PRIMARY KEY);
ALTER TABLE drafts ADD COLUMN seq_no bigserial;
ALTER TABLE drafts ADD COLUMN token uuid DEFAULT gen_random_uuid();
ALTER TABLE drafts ADD COLUMN line_no bigint GENERATED ALWAYS AS IDENTITY;
-- Stored generated columns are another rule's business.
ALTER TABLE orders ADD COLUMN id_text text GENERATED ALWAYS AS (id::text) STORED;
