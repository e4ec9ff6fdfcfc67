-- Mistakes: the deployed code still queries coupons and order_items; dropping or
-- renaming them breaks it before the new release is out.
SET lock_timeout = '3s';

ALTER TABLE orders DROP COLUMN coupon_code;

DROP TABLE coupons;

ALTER TABLE order_items RENAME TO order_lines;
