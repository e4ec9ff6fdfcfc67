CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    account_id bigint NOT NULL
);
