CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text,
    nickname text,
    legacy_flag text
);
CREATE TABLE sessions (
    id bigint PRIMARY KEY,
    account_id bigint,
    token text
);
CREATE TABLE audit (id bigint PRIMARY KEY, note text);
CREATE TABLE old_tokens (id bigint PRIMARY KEY, value text);
CREATE TABLE archive (id bigint PRIMARY KEY);
