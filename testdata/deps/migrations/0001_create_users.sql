CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mail text,
    nickname text,
    created_at timestamptz NOT NULL DEFAULT now()
);
