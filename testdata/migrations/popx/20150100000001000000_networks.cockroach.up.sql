CREATE TABLE networks (id uuid);
