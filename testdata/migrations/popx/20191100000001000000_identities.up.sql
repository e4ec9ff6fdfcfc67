CREATE TABLE identities (id uuid);
