-- A table created earlier in the files under review is empty: no batching needed.
CREATE TABLE app_settings (key text PRIMARY KEY, value text);
INSERT INTO app_settings VALUES ('theme', 'dark');
UPDATE app_settings SET value = upper(value);
CREATE SCHEMA staging;
CREATE TABLE staging.import (id bigint, payload jsonb);
SET search_path = staging;
UPDATE import SET payload = '{}';
