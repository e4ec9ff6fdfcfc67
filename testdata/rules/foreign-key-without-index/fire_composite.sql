CREATE TABLE shipments (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));
CREATE TABLE parcels (tenant_id bigint, id bigint, shipment_id bigint, PRIMARY KEY (tenant_id, id));
-- fixture: review
-- The primary key leads with tenant_id only, not (tenant_id, shipment_id).
-- expect: foreign-key-without-index "on public.parcels (tenant_id, shipment_id)"
ALTER TABLE parcels ADD FOREIGN KEY (tenant_id, shipment_id) REFERENCES shipments NOT VALID;
