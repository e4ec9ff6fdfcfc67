CREATE SCHEMA reporting;
-- fixture: review
-- A schema created under review holds only new objects.
CREATE SCHEMA scratch;
CREATE TABLE scratch.import (id int);
DROP SCHEMA scratch CASCADE;
-- Other drops and schema changes are other rules' business.
ALTER SCHEMA reporting RENAME TO reporting_retired;
DROP TABLE IF EXISTS reporting_retired.unused;
CREATE DATABASE analytics;
