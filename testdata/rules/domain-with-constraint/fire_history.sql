CREATE DOMAIN positive_amount AS numeric;
CREATE TABLE invoices (id bigint PRIMARY KEY, total positive_amount);
CREATE TABLE refunds (id bigint PRIMARY KEY, amount public.positive_amount);
-- fixture: review
-- The message lists the columns of the domain's type.
-- expect: domain-with-constraint "ALTER DOMAIN public.positive_amount ADD CONSTRAINT scans every column of the domain under a SHARE lock that blocks writes to their tables (public.invoices.total, public.refunds.amount)"
ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_check CHECK (VALUE > 0);
-- NOT VALID only postpones the scan: a domain's VALIDATE takes the same lock.
-- expect: domain-with-constraint "ADD CONSTRAINT ... NOT VALID postpones the check"
ALTER DOMAIN positive_amount ADD CONSTRAINT below_limit CHECK (VALUE < 1000000) NOT VALID;
-- expect: domain-with-constraint "VALIDATE CONSTRAINT scans every column"
ALTER DOMAIN positive_amount VALIDATE CONSTRAINT below_limit;
-- expect: domain-with-constraint "SET NOT NULL scans every column"
ALTER DOMAIN positive_amount SET NOT NULL;
