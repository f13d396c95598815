-- Vendor users with roles, and sign-in sessions kept server-side so they can be ended at once.
-- A partner manager's scope (partners, regions, tiers) is empty when they manage every partner.
CREATE TABLE vendor_users (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email)),
  display_name text,
  role text NOT NULL CHECK (role IN ('admin', 'partner_manager', 'sales_rep', 'viewer')),
  managed_partner_ids uuid[] NOT NULL DEFAULT '{}',
  managed_regions text[] NOT NULL DEFAULT '{}',
  managed_tiers text[] NOT NULL DEFAULT '{}',
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE UNIQUE INDEX vendor_users_email ON vendor_users (tenant_id, email) WHERE removed_at IS NULL;

CREATE TABLE vendor_sessions (
  -- sha256 of the cookie's token; the token itself is never stored.
  token_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES vendor_users (id) ON DELETE CASCADE,
  signed_in_with text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX vendor_sessions_user ON vendor_sessions (user_id);

-- API keys take the users' roles; a read-only key is a viewer.
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_role_check;
UPDATE api_keys SET role = 'viewer' WHERE role = 'read_only';
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('admin', 'partner_manager', 'sales_rep', 'viewer'));

-- Whoever installed a CRM connection with an email address is the workspace's first admin.
INSERT INTO vendor_users (id, tenant_id, email, role, created_by, created_at)
SELECT DISTINCT ON (c.tenant_id, lower(c.installed_by)) gen_random_uuid(), c.tenant_id, lower(c.installed_by), 'admin', 'install', c.connected_at
FROM crm_connections c
WHERE c.installed_by LIKE '%_@_%'
ORDER BY c.tenant_id, lower(c.installed_by), c.connected_at;
