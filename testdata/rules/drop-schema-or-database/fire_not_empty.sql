CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY);
-- fixture: review
-- expect: drop-schema-or-database "it fails unless the schema is empty, and the schema model knows relation billing.invoices in it"
DROP SCHEMA billing;
