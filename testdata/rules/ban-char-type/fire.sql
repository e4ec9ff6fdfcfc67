-- expect: ban-char-type "public.countries.code is declared char(2)"
CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);
-- A bare `character` is char(1).
-- expect: ban-char-type "public.countries.flag is declared char(1)"
ALTER TABLE countries ADD COLUMN flag character;
-- expect: ban-char-type "public.countries.iso3 is declared char(3)"
ALTER TABLE countries ADD COLUMN iso3 CHARACTER(3);
-- expect: ban-char-type "public.countries.name"
ALTER TABLE countries ALTER COLUMN name TYPE bpchar(80);
