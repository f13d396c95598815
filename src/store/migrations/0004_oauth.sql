-- Install flows: each OAuth `state` handed to a user's browser is recorded here so a
-- callback can be accepted once, before it expires. The PKCE verifier stays server-side
-- with it (encrypted). tenant_id is set when an existing tenant adds a connection and
-- empty when the install will create or find the tenant from the CRM account.
CREATE TABLE oauth_states (
  nonce text PRIMARY KEY,
  provider text NOT NULL CHECK (provider IN ('hubspot', 'salesforce', 'slack')),
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  code_verifier_enc text,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);
