-- expect: prefer-bigint-over-smallint "public.regions.id (primary key) is declared smallserial"
-- expect: prefer-bigint-over-smallint "public.regions.parent_id (foreign key to public.regions)"
CREATE TABLE regions (id smallserial PRIMARY KEY, parent_id smallint REFERENCES regions (id), level smallint);
-- expect: prefer-bigint-over-smallint "public.shelves.id (primary key) is declared smallint"
ALTER TABLE shelves ADD COLUMN id int2 PRIMARY KEY;
