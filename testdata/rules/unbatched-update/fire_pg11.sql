-- fixture: pg-version 11
-- expect: unbatched-update
UPDATE users SET flag = true;
