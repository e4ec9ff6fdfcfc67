CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nickname text, code int GENERATED ALWAYS AS IDENTITY);
-- fixture: review
-- Already nullable: nothing changes.
ALTER TABLE users ALTER COLUMN nickname DROP NOT NULL;
-- PostgreSQL refuses these: a primary-key column, an identity column.
ALTER TABLE users ALTER COLUMN id DROP NOT NULL;
ALTER TABLE users ALTER COLUMN code DROP NOT NULL;
-- A column added under review: no deployed code reads it yet.
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en';
ALTER TABLE users ALTER COLUMN locale DROP NOT NULL;
-- A table created under review.
CREATE TABLE imports (id bigint, batch int NOT NULL);
ALTER TABLE imports ALTER COLUMN batch DROP NOT NULL;
-- SET NOT NULL is another rule's business.
ALTER TABLE users ALTER COLUMN nickname SET NOT NULL;
