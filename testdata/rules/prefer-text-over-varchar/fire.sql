-- expect: prefer-text-over-varchar "public.users.email is declared varchar(255)"
-- expect: prefer-text-over-varchar "public.users.nick is declared varchar(40)"
CREATE TABLE users (id bigint PRIMARY KEY, email character varying(255) NOT NULL, nick VARCHAR (40), bio varchar);
-- expect: prefer-text-over-varchar "public.users.aliases is declared varchar(20)[]"
ALTER TABLE users ADD COLUMN aliases varchar(20)[];
