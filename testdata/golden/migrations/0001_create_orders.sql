CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL,
    status text NOT NULL DEFAULT 'new',
    note text,
    created_at timestamptz NOT NULL DEFAULT now()
);
