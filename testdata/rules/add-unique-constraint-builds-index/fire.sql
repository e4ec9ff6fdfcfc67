-- The whole file is under review: tables it does not create are taken to exist.
-- expect: add-unique-constraint-builds-index "ADD UNIQUE users_email_key on public.users"
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
-- expect: add-unique-constraint-builds-index "ADD PRIMARY KEY on billing.invoices"
ALTER TABLE billing.invoices ADD PRIMARY KEY (id);
