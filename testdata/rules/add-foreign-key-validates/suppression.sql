-- schemaguard: ignore add-foreign-key-validates -- both tables are small
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE orders ADD FOREIGN KEY (shop_id) REFERENCES shops; -- schemaguard: ignore add-foreign-key-validates -- small
-- expect: add-foreign-key-validates
ALTER TABLE orders ADD FOREIGN KEY (coupon_id) REFERENCES coupons;
