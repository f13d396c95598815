-- Where each tenant's HubSpot portal keeps Trellis's deal registrations: on Trellis's custom object
-- (Enterprise portals that granted the custom-object scopes), addressed by the objectTypeId and fully
-- qualified name learnt when it was provisioned, never by its base name; or as Trellis properties on
-- the deal (or the customer's company) in portals without custom objects.
CREATE TABLE hubspot_registration_storage (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  storage text NOT NULL CHECK (storage IN ('custom_object', 'deal_properties')),
  object_type_id text,
  fully_qualified_name text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((storage = 'custom_object') = (object_type_id IS NOT NULL AND fully_qualified_name IS NOT NULL))
);

-- The deals and companies whose Trellis properties show a registration (portals without custom
-- objects): what to clear when a portal moves to the custom object, without relying on search.
CREATE TABLE hubspot_registration_placements (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  object_type text NOT NULL CHECK (object_type IN ('deals', 'companies')),
  crm_id text NOT NULL,
  registration_id uuid NOT NULL REFERENCES deal_registrations (id) ON DELETE CASCADE,
  PRIMARY KEY (tenant_id, object_type, crm_id)
);
