-- schemaguard: ignore add-exclusion-constraint -- table holds a few hundred rows
ALTER TABLE rooms ADD CONSTRAINT rooms_no_overlap EXCLUDE USING gist (during WITH &&);
-- expect: add-exclusion-constraint
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&);
