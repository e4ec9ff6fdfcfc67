CREATE SCHEMA booking;
CREATE TABLE booking.reservations (id bigint PRIMARY KEY, room_id int, during tstzrange);
-- fixture: review
-- expect: add-exclusion-constraint "adding exclusion constraint reservations_no_overlap to booking.reservations builds its index"
ALTER TABLE booking.reservations ADD CONSTRAINT reservations_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);
-- Unnamed, partial, and in a statement with other subcommands.
-- expect: add-exclusion-constraint "to public.rooms"
ALTER TABLE rooms ADD COLUMN note text, ADD EXCLUDE USING gist (during WITH &&) WHERE (active);
