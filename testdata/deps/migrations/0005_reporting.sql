CREATE VIEW order_totals AS
SELECT o.user_id, u.email, sum(o.total) AS total
FROM orders o JOIN users u ON u.id = o.user_id
GROUP BY o.user_id, u.email;

CREATE FUNCTION audit_order_total() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEW;
END
$$;

CREATE TRIGGER orders_total_audit AFTER UPDATE OF total ON orders
    FOR EACH ROW EXECUTE FUNCTION audit_order_total();

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;

CREATE POLICY orders_owner ON orders
    USING (user_id = current_setting('app.user_id')::bigint);
