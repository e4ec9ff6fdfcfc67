CREATE SCHEMA crm;
CREATE TABLE crm.customers (id bigint PRIMARY KEY);
-- fixture: review
SET search_path = crm, public;
-- expect: rename-table "crm.customers to crm.accounts"
ALTER TABLE customers RENAME TO accounts;
