-- Partner intelligence: the CRM deals read from the connected CRMs, the partner touchpoints on
-- them that attribution weighs, each connection's deal-sweep watermark, and the indexes the
-- analytics queries need.
CREATE TABLE crm_deals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  crm_id text NOT NULL,
  -- How Trellis names a CRM deal elsewhere (co-sell engagements' crm_deal_ref): 'hubspot:deal:123', 'salesforce:Opportunity:006…'.
  ref text NOT NULL,
  name text NOT NULL,
  amount numeric(15, 2) NOT NULL DEFAULT 0,
  -- Null when the CRM gives no currency code (a single-currency portal or org).
  currency char(3),
  stage text,
  is_closed boolean NOT NULL,
  is_won boolean NOT NULL,
  crm_created_at timestamptz NOT NULL,
  close_date date,
  company_crm_id text,
  company_name text,
  company_normalized_name text,
  company_normalized_domain text,
  -- The Trellis customer the deal's company matched (by domain, else by normalized name); null until one exists.
  account_id uuid REFERENCES accounts (id),
  crm_modified_at timestamptz NOT NULL,
  UNIQUE (tenant_id, crm, crm_id)
);
CREATE INDEX crm_deals_close ON crm_deals (tenant_id, close_date) INCLUDE (amount, is_closed, is_won, account_id);
CREATE INDEX crm_deals_account ON crm_deals (tenant_id, account_id);
CREATE INDEX crm_deals_unmatched ON crm_deals (tenant_id) WHERE account_id IS NULL;
CREATE INDEX crm_deals_ref ON crm_deals (tenant_id, ref);

CREATE TABLE touchpoints (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  deal_id uuid NOT NULL REFERENCES crm_deals (id) ON DELETE CASCADE,
  partner_id uuid NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('registration_submitted', 'registration_approved', 'co_sell_requested', 'co_sell_active', 'referral')),
  -- The registration or co-sell engagement the interaction comes from.
  source_id uuid NOT NULL,
  at timestamptz NOT NULL,
  -- The deal's figures, copied when touchpoints are rebuilt (after every deal sweep, so never older than
  -- the deal row): the analytics read touchpoints alone instead of joining a million deals each time.
  deal_amount numeric(15, 2) NOT NULL,
  deal_currency char(3),
  deal_is_closed boolean NOT NULL,
  deal_is_won boolean NOT NULL,
  deal_created_at timestamptz NOT NULL,
  deal_close_date date,
  deal_account_id uuid,
  PRIMARY KEY (tenant_id, deal_id, kind, source_id)
);
CREATE INDEX touchpoints_partner ON touchpoints (tenant_id, partner_id);

CREATE TABLE crm_deal_sweeps (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  crm text NOT NULL CHECK (crm IN ('hubspot', 'salesforce')),
  watermark timestamptz,
  last_run_at timestamptz,
  last_error text,
  PRIMARY KEY (tenant_id, crm)
);

-- Touchpoints join registrations of every status to deals by customer.
CREATE INDEX deal_registrations_account ON deal_registrations (tenant_id, account_id);
CREATE INDEX co_sell_engagements_deal_ref ON co_sell_engagements (tenant_id, crm_deal_ref) WHERE crm_deal_ref IS NOT NULL;
-- Registration velocity reads submissions by time.
CREATE INDEX deal_registrations_submitted ON deal_registrations (tenant_id, submitted_at) INCLUDE (partner_id, status, decided_at, closed_at);
