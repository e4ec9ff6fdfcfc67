CREATE TABLE webhooks (id bigint PRIMARY KEY, payload jsonb NOT NULL);
ALTER TABLE webhooks ADD COLUMN raw text;
ALTER TABLE webhooks ALTER COLUMN payload TYPE jsonb;
-- A json expression is no column.
SELECT '{"a": 1}'::json;
