-- No migration defines a table: the model knows nothing, so it judges nothing.
-- fixture: app-sql src/user_repo.cpp:42 SELECT id, emial FROM users WHERE id = $1
SET lock_timeout = '2s';
