-- accounts is not created here, so it already exists and may be large.
SET lock_timeout = '2s';
SET statement_timeout = '5min';
CREATE INDEX accounts_email_idx ON accounts (email);
