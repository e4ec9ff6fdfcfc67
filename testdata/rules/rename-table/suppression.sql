-- schemaguard: ignore rename-table -- a view under the old name is created below
ALTER TABLE customers RENAME TO accounts;
CREATE VIEW customers AS SELECT * FROM accounts;
ALTER TABLE vendors RENAME TO suppliers; -- schemaguard: ignore rename-table -- read only by the nightly export, switched already
-- schemaguard: ignore rename-column -- another rule's id does not silence this one
-- expect: rename-table
ALTER TABLE carts RENAME TO baskets;
