-- Golden fixture for the reporters: findings from create-index-without-concurrently
-- and invalid-suppression only, so other rules landing do not change the goldens.

-- Flagged: orders already exists (created in 0001).
CREATE INDEX orders_user_id_idx ON orders (user_id);

-- The id below is misspelt: it suppresses nothing and is itself reported.
-- schemaguard: ignore create-index-concurently -- looked reviewed, but is not
CREATE INDEX orders_created_at_idx
    ON orders (created_at);

-- schemaguard: ignore create-index-without-concurrently -- orders is empty in every environment
CREATE INDEX orders_status_idx ON orders (status);

CREATE INDEX "orders_note_ünïcode_idx" ON orders (note);

CREATE INDEX CONCURRENTLY orders_created_status_idx ON orders (created_at, status);
