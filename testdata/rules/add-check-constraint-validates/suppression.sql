-- schemaguard: ignore add-check-constraint-validates -- lookup table of ten rows
ALTER TABLE currencies ADD CONSTRAINT currencies_code_len CHECK (length(code) = 3);
ALTER TABLE currencies ADD CHECK (rate > 0); -- schemaguard: ignore add-check-constraint-validates -- tiny
-- expect: add-check-constraint-validates
ALTER TABLE currencies ADD CHECK (decimals >= 0);
