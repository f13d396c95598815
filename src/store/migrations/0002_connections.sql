-- How a tenant reaches its CRMs and Slack. Tokens are stored encrypted (AES-256-GCM), never in clear.
CREATE TABLE crm_connections (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  -- HubSpot portal (hub) id, or Salesforce organization id.
  external_account_id text NOT NULL,
  instance_url text,
  scopes text[] NOT NULL DEFAULT '{}',
  access_token_enc text NOT NULL,
  refresh_token_enc text,
  access_token_expires_at timestamptz,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disconnected', 'error')),
  status_reason text,
  installed_by text,
  connected_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (crm, external_account_id),
  UNIQUE (tenant_id, crm)
);

CREATE TABLE slack_installations (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  team_id text NOT NULL UNIQUE,
  team_name text,
  app_id text,
  bot_user_id text NOT NULL,
  bot_token_enc text NOT NULL,
  scopes text[] NOT NULL DEFAULT '{}',
  default_channel_id text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disconnected')),
  installed_by text,
  installed_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id)
);
