-- expect: prefer-jsonb-over-json "public.webhooks.payload is declared json"
CREATE TABLE webhooks (id bigint PRIMARY KEY, payload json NOT NULL, headers jsonb);
-- expect: prefer-jsonb-over-json "public.webhooks.history is declared json[]"
ALTER TABLE webhooks ADD COLUMN history json[];
-- expect: prefer-jsonb-over-json "public.webhooks.headers"
ALTER TABLE webhooks ALTER COLUMN headers TYPE JSON;
