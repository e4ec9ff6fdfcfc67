-- Orders, their line items and coupons. The foreign keys lock users briefly, so the
-- migration gives up instead of queueing behind a long transaction.
SET lock_timeout = '3s';

CREATE TABLE coupons (
    code text PRIMARY KEY,
    percent_off integer NOT NULL CHECK (percent_off BETWEEN 1 AND 100)
);

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    total numeric(12, 2) NOT NULL,
    coupon_code text REFERENCES coupons (code),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE INDEX orders_coupon_code_idx ON orders (coupon_code);

CREATE TABLE order_items (
    order_id bigint NOT NULL REFERENCES orders (id),
    sku text NOT NULL,
    quantity integer NOT NULL,
    PRIMARY KEY (order_id, sku)
);
