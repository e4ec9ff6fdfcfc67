CREATE TABLE reservations (id bigint PRIMARY KEY, room_id int, during tstzrange);
-- fixture: review
-- On a table created under review: empty, nothing to check.
CREATE TABLE bookings (id bigint PRIMARY KEY, room_id int, during tstzrange);
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);
-- Declared with the table.
CREATE TABLE slots (id bigint, during tstzrange, EXCLUDE USING gist (during WITH &&));
-- Other constraints are other rules' business.
ALTER TABLE reservations ADD CONSTRAINT reservations_room_check CHECK (room_id > 0) NOT VALID;
ALTER TABLE reservations DROP CONSTRAINT IF EXISTS reservations_no_overlap;
