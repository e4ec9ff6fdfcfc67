CREATE TABLE networks (id char(36));
