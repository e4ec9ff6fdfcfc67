CREATE TABLE staging_customers (id bigint PRIMARY KEY);
ALTER TABLE staging_customers RENAME TO customers_v2;
ALTER TABLE customers_v2 RENAME TO customers_new;
-- Not tables, or not the table's name.
ALTER VIEW active_customers RENAME TO current_customers;
ALTER INDEX customers_pkey RENAME TO customers_pk;
ALTER SEQUENCE customers_id_seq RENAME TO customer_ids;
ALTER TABLE customers RENAME CONSTRAINT customers_email_check TO customers_email_valid;
