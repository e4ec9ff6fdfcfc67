-- No history: the column's current type is unknown, so a rewrite is assumed.
-- expect: alter-column-type-rewrite "may rewrite public.accounts"
ALTER TABLE accounts ALTER COLUMN plan TYPE varchar(40);
