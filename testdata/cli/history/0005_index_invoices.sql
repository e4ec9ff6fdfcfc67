SET lock_timeout = '2s';
SET statement_timeout = '5min';
-- invoices is created by 0004; when both are under review it is new and empty.
CREATE INDEX invoices_account_id_idx ON invoices (account_id);
