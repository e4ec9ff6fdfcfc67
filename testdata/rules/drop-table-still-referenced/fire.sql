-- fixture: app-sql src/session_store.cpp:18 SELECT * FROM legacy_sessions WHERE token = $1
-- fixture: app-sql src/session_store.cpp:30 DELETE FROM legacy_sessions WHERE expires_at < now()
-- fixture: app-field src/auth.cpp:9 api_token
CREATE TABLE legacy_sessions (token text PRIMARY KEY, expires_at timestamptz, api_token text);
CREATE TABLE api_keys (id bigint PRIMARY KEY, api_token text);
CREATE TABLE audit_log (id bigint, message text);
-- fixture: review

-- A SELECT * is enough to break on a dropped table. The field read at src/auth.cpp:9 is tied
-- to no query, and two tables have such a column: ambiguous, and it counts.
-- expect: drop-table-still-referenced "public.legacy_sessions is dropped while the application still uses it in 3 places (src/auth.cpp:9, src/session_store.cpp:18, src/session_store.cpp:30); 1 of them ambiguous: a result field `api_token` read by name may belong to any of public.api_keys, public.legacy_sessions"
DROP TABLE legacy_sessions;

-- expect: drop-table-still-referenced "public.api_keys"
DROP TABLE audit_log, api_keys;
