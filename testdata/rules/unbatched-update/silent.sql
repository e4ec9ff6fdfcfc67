-- Every batched form. The model knows nothing of users: `id` and ctid are its keys.
UPDATE users SET flag = true WHERE id = $1;
UPDATE users SET flag = true WHERE $1 = id;
UPDATE users SET flag = true WHERE id = 42 AND flag IS NULL;
UPDATE users SET flag = true WHERE id = ANY ($1);
UPDATE users SET flag = true WHERE id = ANY (ARRAY[1, 2, 3]);
UPDATE users SET flag = true WHERE id IN (1, 2, 3);
UPDATE users SET flag = true WHERE id BETWEEN $1 AND $2;
UPDATE users SET flag = true WHERE id BETWEEN SYMMETRIC $2 AND $1;
UPDATE users SET flag = true WHERE id >= $1 AND id < $2;
UPDATE users SET flag = true WHERE $1 <= id AND flag IS NULL AND id < $1 + 10000;
UPDATE users SET flag = true WHERE (id >= 1 AND id < 1000) AND flag IS NULL;
UPDATE users SET flag = true WHERE id IN (SELECT id FROM users WHERE flag IS NULL LIMIT 1000);
UPDATE users SET flag = true WHERE id = ANY (SELECT id FROM users WHERE flag IS NULL LIMIT 1000);
UPDATE users SET flag = true WHERE id IN (SELECT id FROM users WHERE flag IS NULL ORDER BY id FETCH FIRST 500 ROWS ONLY);
UPDATE users SET flag = true WHERE ctid IN (SELECT ctid FROM users WHERE flag IS NULL LIMIT 1000 FOR UPDATE SKIP LOCKED);
UPDATE users SET flag = true WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE flag IS NULL LIMIT 1000));
UPDATE users SET flag = true WHERE id = (SELECT max(id) FROM users);
UPDATE users SET flag = true WHERE id = 1 OR id = 2;
UPDATE users SET flag = true WHERE id = 1 OR (id >= 10 AND id < 20);
UPDATE users SET flag = true WHERE users.id = 7;
UPDATE public.users SET flag = true WHERE public.users.id = 7;
UPDATE users u SET flag = true WHERE u.id = 7;
UPDATE users SET flag = true WHERE CURRENT OF users_cursor;
UPDATE users SET flag = true WHERE id = $1 RETURNING id;
-- Keys from a LIMITed CTE, joined or in a subquery.
WITH batch AS (SELECT id FROM users WHERE flag IS NULL LIMIT 1000)
UPDATE users SET flag = true FROM batch WHERE users.id = batch.id;
WITH batch AS (SELECT id FROM users WHERE flag IS NULL LIMIT 1000)
UPDATE users SET flag = true WHERE id IN (SELECT id FROM batch);
UPDATE users u SET flag = true FROM (SELECT id FROM users WHERE flag IS NULL LIMIT 1000) b WHERE u.id = b.id;
-- UPDATE ... FROM with the target bounded.
UPDATE users u SET org_name = o.name FROM orgs o WHERE u.org_id = o.id AND u.id BETWEEN 1 AND 10000;
-- A function body is not run by defining it (DO blocks: fire_do_block.sql, silent_do_batched.sql).
CREATE FUNCTION mark_all() RETURNS void LANGUAGE sql AS $$ UPDATE users SET flag = true $$;
