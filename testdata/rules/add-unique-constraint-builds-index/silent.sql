CREATE TABLE users (id bigint NOT NULL, email text);
-- fixture: review
-- The safe pattern: build the index concurrently, then attach it.
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
CREATE UNIQUE INDEX CONCURRENTLY users_pkey ON users (id);
ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_pkey;
-- A table created under review is empty.
CREATE TABLE events (id bigint, kind text);
ALTER TABLE events ADD PRIMARY KEY (id);
ALTER TABLE events ADD CONSTRAINT events_kind_key UNIQUE (kind);
