CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  status text NOT NULL DEFAULT 'active'
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
