CREATE INDEX CONCURRENTLY networks_id ON networks (id);
