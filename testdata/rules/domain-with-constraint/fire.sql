-- expect: domain-with-constraint "domain public.email has a CHECK constraint"
CREATE DOMAIN email AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');
