CREATE TABLE networks (id char(36)) ENGINE=InnoDB;
