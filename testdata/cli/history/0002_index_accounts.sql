SET lock_timeout = '2s';
CREATE TABLE sessions (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL
);
CREATE INDEX accounts_id_email_idx ON accounts (id, email);
