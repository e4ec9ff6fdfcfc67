CREATE TABLE memberships (team_id bigint, user_id bigint, role text, PRIMARY KEY (team_id, user_id));
-- fixture: review
-- expect: drop-column-drops-dependents "primary_key constraint memberships_pkey (team_id, user_id)"
ALTER TABLE memberships DROP COLUMN team_id;
