-- CRM cards: the per-org secret a Salesforce Named Credential presents, and co-selling requests made from a deal.
CREATE TABLE card_credentials (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  crm text NOT NULL CHECK (crm IN ('salesforce')),
  -- The Salesforce organization id the secret was issued for.
  external_account_id text NOT NULL,
  secret_hash text NOT NULL UNIQUE,
  secret_prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX card_credentials_tenant ON card_credentials (tenant_id, crm) WHERE revoked_at IS NULL;

CREATE TABLE co_sell_engagements (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  -- The CRM deal the request was made from, e.g. 'hubspot:deal:123' or 'salesforce:Opportunity:006…'.
  crm_deal_ref text,
  role text NOT NULL CHECK (role IN ('co_sell', 'implementation', 'referral')),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'declined', 'active', 'closed')),
  note text,
  requested_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX co_sell_engagements_account ON co_sell_engagements (tenant_id, account_id, created_at DESC);
CREATE UNIQUE INDEX co_sell_engagements_open ON co_sell_engagements (tenant_id, partner_id, account_id, role)
  WHERE status IN ('requested', 'accepted', 'active');
