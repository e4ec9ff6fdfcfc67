CREATE TABLE countries (code text PRIMARY KEY CHECK (char_length(code) = 2), name varchar(80));
-- The internal single-byte type "char" is a different type.
ALTER TABLE countries ADD COLUMN kind "char";
ALTER TABLE countries ADD COLUMN names character varying(20)[];
