CREATE TABLE users (id bigint PRIMARY KEY);
-- fixture: review
-- schemaguard: ignore foreign-key-without-index -- users are never deleted
CREATE TABLE audit (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
CREATE TABLE notes (id bigint PRIMARY KEY, user_id bigint REFERENCES users); -- schemaguard: ignore foreign-key-without-index -- kept forever
-- expect: foreign-key-without-index
CREATE TABLE likes (id bigint PRIMARY KEY, user_id bigint REFERENCES users);
