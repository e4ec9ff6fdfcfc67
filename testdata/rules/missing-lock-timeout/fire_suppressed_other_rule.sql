-- schemaguard: ignore drop-column -- another rule's id does not silence this one
-- expect: missing-lock-timeout
ALTER TABLE users DROP COLUMN legacy_email;
