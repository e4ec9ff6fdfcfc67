CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    region text NOT NULL,
    total numeric(10, 2) NOT NULL
);

CREATE INDEX orders_user_id_idx ON orders (user_id);
