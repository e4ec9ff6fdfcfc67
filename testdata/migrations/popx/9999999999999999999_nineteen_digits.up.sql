CREATE TABLE early (id int);
