-- A domain without constraints is an alias.
CREATE DOMAIN amount AS numeric(12,2);
CREATE DOMAIN label AS text DEFAULT '';
-- Constraints on the columns can be replaced without blocking writes.
CREATE TABLE invoices (id bigint PRIMARY KEY, total amount CHECK (total > 0));
ALTER DOMAIN amount DROP NOT NULL;
ALTER DOMAIN amount DROP CONSTRAINT IF EXISTS amount_check;
