CREATE INDEX CONCURRENTLY identities_id ON identities (id);
