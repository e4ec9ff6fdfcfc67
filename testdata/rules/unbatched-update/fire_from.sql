-- UPDATE ... FROM: what counts is how the target table is bounded.
-- expect: unbatched-update
UPDATE users u SET org_name = o.name FROM orgs o WHERE u.org_id = o.id;
-- A join on the key to an unbounded table is no bound.
-- expect: unbatched-update
UPDATE users u SET org_name = o.name FROM orgs o WHERE u.id = o.owner_id;
-- orgs is bounded, users is not.
-- expect: unbatched-update
UPDATE users SET org_name = o.name FROM orgs o WHERE o.id = 5 AND users.org_id = o.id;
-- A CTE without LIMIT is no bound either.
-- expect: unbatched-update
WITH todo AS (SELECT id FROM users WHERE flag IS NULL)
UPDATE users SET flag = true FROM todo WHERE users.id = todo.id;
