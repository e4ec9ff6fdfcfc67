CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');
-- fixture: review
-- expect: require-enum-value-ordering "ADD VALUE 'packed' to public.order_status does not say where it goes: it is sorted last, after 'shipped'"
ALTER TYPE order_status ADD VALUE 'packed';
-- An enum the model does not know: still flagged, without the last value.
-- expect: require-enum-value-ordering "ADD VALUE 'gold' to billing.tier does not say where it goes"
ALTER TYPE billing.tier ADD VALUE IF NOT EXISTS 'gold';
-- An unqualified unknown enum is named where search_path puts it.
-- expect: require-enum-value-ordering "ADD VALUE 'x' to public.mood"
ALTER TYPE mood ADD VALUE 'x';
