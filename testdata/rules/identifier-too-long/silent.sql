-- 63 bytes exactly is the limit, not over it.
CREATE INDEX customer_subscriptions_on_billing_account_id_and_created_at_idx ON customer_subscriptions (billing_account_id);
-- A long name the statement only refers to is truncated the same way and still matches.
CREATE INDEX subscriptions_account_idx ON table_with_an_unreasonably_long_name_that_nobody_will_read_fully (id);
SELECT column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit FROM t;
-- Long text in strings and comments is no identifier: 'column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit'
COMMENT ON TABLE t IS 'column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit';
CREATE FUNCTION short_name() RETURNS text LANGUAGE sql AS $$ SELECT 'column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit' $$;
