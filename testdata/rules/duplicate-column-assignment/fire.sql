-- expect: duplicate-column-assignment "column status of public.accounts is assigned twice in UPDATE SET: PostgreSQL rejects the statement"
UPDATE accounts SET status = 'active', plan = 'free', status = 'trial' WHERE id < 1000;
-- A whole-column assignment next to an element assignment is rejected too.
-- expect: duplicate-column-assignment "column scores of public.accounts is assigned twice"
UPDATE accounts SET scores = '{}', scores[1] = 0;
-- A row assignment counts each column.
-- expect: duplicate-column-assignment "column plan of public.accounts is assigned twice"
UPDATE accounts SET (plan, status) = ('team', 'active'), plan = 'free';
-- expect: duplicate-column-assignment "column email of public.accounts is listed twice in the INSERT column list"
INSERT INTO accounts (id, email, email) VALUES (1, 'a@example.com', 'b@example.com');
-- expect: duplicate-column-assignment "column plan of public.accounts is assigned twice in ON CONFLICT DO UPDATE SET"
INSERT INTO accounts (id, plan) VALUES (1, 'free') ON CONFLICT (id) DO UPDATE SET plan = EXCLUDED.plan, plan = 'team';
-- The same element twice is accepted, and the later value wins.
-- expect: duplicate-column-assignment "scores[1] of public.accounts is assigned twice in UPDATE SET: PostgreSQL keeps the later value"
UPDATE accounts SET scores[1] = 1, scores[1] = 2;
-- In a CTE too.
-- expect: duplicate-column-assignment "column status of billing.invoices"
WITH paid AS (UPDATE billing.invoices SET status = 'paid', status = 'closed' RETURNING id) SELECT count(*) FROM paid;
