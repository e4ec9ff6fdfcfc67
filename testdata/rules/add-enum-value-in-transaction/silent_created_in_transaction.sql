-- fixture: pg-version 11
-- A type created in the same transaction may get values and use them at once, on every version.
BEGIN;
CREATE TYPE ticket_state AS ENUM ('new');
ALTER TYPE ticket_state ADD VALUE 'done';
CREATE TABLE tickets (id bigint PRIMARY KEY, state ticket_state DEFAULT 'done');
COMMIT;
