SET lock_timeout = '2s';
SET statement_timeout = '5min';
CREATE TABLE sessions (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL
);
CREATE INDEX accounts_id_email_idx ON accounts (id, email);
