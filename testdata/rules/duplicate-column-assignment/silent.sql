UPDATE accounts SET status = 'active', plan = 'free' WHERE id < 1000;
-- Different elements or fields of one column are separate assignments.
UPDATE accounts SET scores[1] = 0, scores[2] = 0;
UPDATE accounts SET address.city = 'Oslo', address.zip = '0150';
INSERT INTO accounts (id, scores[1], scores[2]) VALUES (1, 5, 6);
INSERT INTO accounts (id, plan) VALUES (1, 'free') ON CONFLICT (id) DO UPDATE SET plan = EXCLUDED.plan, status = 'active';
-- The same column in two statements is fine.
UPDATE accounts SET status = 'a';
UPDATE accounts SET status = 'b';
