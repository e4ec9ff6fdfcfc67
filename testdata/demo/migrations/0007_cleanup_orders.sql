-- Mistakes: one DELETE purges years of orders in a single transaction, holding its row
-- locks and leaving the table bloated; and the running application still reads
-- users.legacy_phone and orders.total.
SET lock_timeout = '3s';

DELETE FROM orders WHERE created_at < now() - interval '2 years';

ALTER TABLE users DROP COLUMN legacy_phone;

ALTER TABLE orders RENAME COLUMN total TO total_amount;
