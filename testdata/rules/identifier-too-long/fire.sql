-- expect: identifier-too-long "index on public.customer_subscriptions name customer_subscriptions_on_billing_account_id_and_created_at_idx1 is 64 bytes"
CREATE INDEX customer_subscriptions_on_billing_account_id_and_created_at_idx1 ON customer_subscriptions (billing_account_id, created_at);
-- Unquoted names fold to lower case before they are measured.
-- expect: identifier-too-long "table name table_with_an_unreasonably_long_name_that_nobody_will_read_fully is 64 bytes"
-- expect: identifier-too-long "column of public.table_with_an_unreasonably_long_name_that_nobody_will_read_full name column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit"
CREATE TABLE TABLE_WITH_AN_UNREASONABLY_LONG_NAME_THAT_NOBODY_WILL_READ_FULLY (id bigint, column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit text);
-- Bytes, not characters: 33 characters, 65 bytes in UTF-8.
-- expect: identifier-too-long "is 65 bytes: PostgreSQL truncates it to"
ALTER TABLE t ADD COLUMN "ééééééééééééééééééééééééééééééééx" int;
-- expect: identifier-too-long "constraint on public.orders name orders_customer_id_references_customers_id_and_cascades_on_delete"
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_references_customers_id_and_cascades_on_delete FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;
-- expect: identifier-too-long "new name column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit"
ALTER TABLE orders RENAME COLUMN note TO column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit;
-- expect: identifier-too-long "function name column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit"
CREATE FUNCTION column_name_that_goes_on_and_on_well_past_the_sixty_three_byte_limit() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
