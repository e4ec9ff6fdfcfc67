-- schemaguard: ignore add-unique-constraint-builds-index -- lookup table of ten rows
ALTER TABLE currencies ADD CONSTRAINT currencies_code_key UNIQUE (code);
ALTER TABLE currencies ADD PRIMARY KEY (id); -- schemaguard: ignore add-unique-constraint-builds-index -- tiny
-- expect: add-unique-constraint-builds-index
ALTER TABLE currencies ADD UNIQUE (symbol);
