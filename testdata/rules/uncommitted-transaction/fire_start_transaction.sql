-- A nested BEGIN does not change which transaction is left open.
-- expect: uncommitted-transaction "never committed"
START TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT 1;
BEGIN;
SELECT 2;
