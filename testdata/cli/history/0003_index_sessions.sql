SET lock_timeout = '2s';
SET statement_timeout = '5min';
-- sessions comes from the history (0002), so it already exists.
CREATE INDEX sessions_account_id_idx ON sessions (account_id);
