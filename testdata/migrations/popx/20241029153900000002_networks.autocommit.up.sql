CREATE INDEX networks_id ON networks (id);
