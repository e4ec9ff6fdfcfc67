-- No history: a table the model does not know is taken to exist, with rows.
-- expect: add-required-column-without-default "public.accounts"
ALTER TABLE accounts ADD COLUMN plan text NOT NULL;
