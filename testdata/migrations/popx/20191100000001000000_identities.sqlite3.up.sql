CREATE TABLE identities (id text);
