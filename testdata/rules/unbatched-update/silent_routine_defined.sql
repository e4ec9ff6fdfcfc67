-- Defining a function or procedure runs nothing: its body is no backfill until it is called.
CREATE FUNCTION mark_all() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET flag = true;
END $$;
CREATE PROCEDURE mark_all_now() LANGUAGE plpgsql AS $$ BEGIN UPDATE users SET flag = true; END $$;
-- A procedure this file does not define: its body is unknown.
CALL defined_elsewhere();
-- A table created earlier in the files under review is empty.
CREATE TABLE import_rows (id bigint, payload text);
DO $$ BEGIN UPDATE import_rows SET payload = ''; END $$;
-- A body that is not valid PL/pgSQL fails before it runs anything.
DO $$ BEGIN UPDATE users SET flag = true; FOREACH x IN ARRAY y LOOP END LOOP; END $$;
