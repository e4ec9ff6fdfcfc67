CREATE TABLE customers (id bigint PRIMARY KEY, region text);
CREATE VIEW active_customers AS SELECT id, region FROM customers;
-- fixture: review
-- Explicit drops without CASCADE: PostgreSQL refuses if anything else depends on them.
DROP VIEW active_customers;
ALTER TABLE customers DROP COLUMN region;
DROP TABLE customers RESTRICT;
-- Objects created under review have no dependents in use.
CREATE TABLE imports (id bigint PRIMARY KEY, batch int);
CREATE VIEW import_batches AS SELECT DISTINCT batch FROM imports;
DROP TABLE imports CASCADE;
CREATE SCHEMA scratch;
DROP SCHEMA scratch CASCADE;
CREATE TYPE status AS ENUM ('new', 'done');
DROP TYPE status CASCADE;
CREATE TABLE orders (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders DROP COLUMN note CASCADE;
-- TRUNCATE ... CASCADE is truncate-table's business.
TRUNCATE orders CASCADE;
