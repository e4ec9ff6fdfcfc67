CREATE TABLE setup (id int);
