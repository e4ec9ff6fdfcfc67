-- The model knows nothing of users: `id` and ctid are its keys.
-- expect: unbatched-update "UPDATE on public.users has no WHERE clause"
UPDATE users SET email_lower = lower(email);
-- expect: unbatched-update "filters rows but does not bound them by a key"
UPDATE users SET email_lower = lower(email) WHERE email_lower IS NULL;
-- expect: unbatched-update
UPDATE users
   SET email_lower = lower(email)
 WHERE email_lower IS NULL
   AND created_at < now();
-- One-sided ranges.
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id > 1000;
-- expect: unbatched-update
UPDATE users SET flag = true WHERE 1000 >= id;
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id >= 1 AND org_id < 100;
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id > 1 AND id > 5;
-- Subqueries without LIMIT.
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id IN (SELECT user_id FROM orders WHERE total > 100);
-- expect: unbatched-update
UPDATE users SET flag = true WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE flag IS NULL));
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id IN (SELECT id FROM users WHERE flag IS NULL LIMIT ALL);
-- expect: unbatched-update
UPDATE users SET flag = true WHERE EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.id);
-- Negations and per-row comparisons do not bound.
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id NOT IN (1, 2, 3);
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id NOT BETWEEN 1 AND 1000;
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id <> 5;
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id = parent_id;
-- expect: unbatched-update
UPDATE users SET flag = true WHERE NOT (id = 5);
-- Not a key: the model does not know the table, so only id and ctid are.
-- expect: unbatched-update
UPDATE users SET flag = true WHERE email = 'a@example.com';
-- OR bounds only when every arm does.
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id = 1 OR email = 'x';
-- expect: unbatched-update
UPDATE users SET flag = true WHERE id > 1000 OR id < 10;
-- Data-modifying CTE.
-- expect: unbatched-update "in a WITH clause"
WITH changed AS (UPDATE users SET flag = true WHERE flag IS NULL RETURNING id)
SELECT count(*) FROM changed;
