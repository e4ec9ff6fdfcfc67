SET lock_timeout = '2s';

-- drop-column-still-referenced: Repo::nickname reads it.
ALTER TABLE accounts DROP COLUMN nickname;
-- safe: no code uses legacy_flag.
ALTER TABLE accounts DROP COLUMN legacy_flag;

-- drop-table-still-referenced: Repo::old_token reads it.
DROP TABLE old_tokens;
-- safe: no code uses archive.
DROP TABLE archive;

-- rename-column-still-referenced: Repo::session_token reads sessions.token.
ALTER TABLE sessions RENAME COLUMN token TO secret;

-- rename-table-still-referenced: Repo::log writes to audit.
ALTER TABLE audit RENAME TO audit_log;

-- app-insert-missing-required-column: Repo::create inserts accounts without email.
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
-- safe: Repo::open_session always inserts account_id.
ALTER TABLE sessions ALTER COLUMN account_id SET NOT NULL;

-- app-reads-column-added-under-review: Repo::locale reads it.
ALTER TABLE accounts ADD COLUMN locale text;
-- safe: Repo::create only writes timezone (the dual-write step).
ALTER TABLE accounts ADD COLUMN timezone text;
