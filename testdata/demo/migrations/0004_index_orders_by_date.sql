-- Mistake: orders already holds millions of rows. A plain CREATE INDEX blocks every
-- INSERT and UPDATE on it until the build finishes.
SET lock_timeout = '3s';

CREATE INDEX orders_created_at_idx ON orders (created_at);
