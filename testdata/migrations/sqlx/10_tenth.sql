CREATE TABLE c (id int);
-- no-transaction: only the first line counts
