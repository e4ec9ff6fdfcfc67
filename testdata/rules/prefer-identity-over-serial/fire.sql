-- expect: prefer-identity-over-serial "public.events.id is declared bigserial"
CREATE TABLE events (id bigserial PRIMARY KEY, payload jsonb);
-- expect: prefer-identity-over-serial "app.tickets.number is declared serial4"
ALTER TABLE app.tickets ADD COLUMN number serial4;
-- expect: prefer-identity-over-serial "public.tags.id is declared smallserial"
-- expect: prefer-identity-over-serial "public.tags.position is declared serial"
CREATE TABLE tags (id smallserial, position serial);
