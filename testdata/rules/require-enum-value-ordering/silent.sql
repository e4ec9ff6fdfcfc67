CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');
ALTER TYPE order_status ADD VALUE 'packed' AFTER 'paid';
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'draft' BEFORE 'pending';
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';
